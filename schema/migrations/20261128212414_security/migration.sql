-- Tenant isolation in the database (DESIGN.md "Tenant isolation in the database").
--
-- The role that runs migrations owns every table and is the "system" role (sign-in, seeds, jobs):
-- on PostgreSQL it must be a superuser or have BYPASSRLS (STACK.md trap 4). Every GraphQL request
-- switches to `tianping_app` inside its transaction: a NOLOGIN role that is not a superuser, has no
-- BYPASSRLS, owns nothing, and is subject to FORCE'd row-level security.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tianping_app') THEN
    BEGIN
      CREATE ROLE tianping_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database of the same cluster created it concurrently
    END;
  END IF;
  -- A non-superuser migrator must be a member to SET ROLE; a superuser needs no grant.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT tianping_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
-- Defaults for sessions that log in as the role; request transactions also set these locally.
ALTER ROLE tianping_app SET statement_timeout = '15s';
--> statement-breakpoint
ALTER ROLE tianping_app SET idle_in_transaction_session_timeout = '30s';
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tianping_app;
--> statement-breakpoint

-- The viewer, from settings made with set_config(..., true) at the start of each request
-- transaction. nullif: once a session has used a setting, current_setting returns '' rather than
-- NULL after the transaction ends (STACK.md trap 2); '' must mean "nobody", never "everything".
CREATE OR REPLACE FUNCTION tp_viewer_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tp_viewer_user() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint

-- The viewer tenant's subtree (itself included). SECURITY DEFINER so that policies can read the
-- closure table without recursing into its own policy; with no viewer it returns no rows.
CREATE OR REPLACE FUNCTION tp_subtree() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT c.descendant_id FROM public.tenant_closure c WHERE c.ancestor_id = public.tp_viewer_tenant() $$;
--> statement-breakpoint
-- What of the tree a viewer may see: its subtree and the chain of its ancestors.
CREATE OR REPLACE FUNCTION tp_visible_tenants() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT c.descendant_id FROM public.tenant_closure c WHERE c.ancestor_id = public.tp_viewer_tenant()
    UNION
    SELECT c.ancestor_id FROM public.tenant_closure c WHERE c.descendant_id = public.tp_viewer_tenant()
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_subtree() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_visible_tenants() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_viewer_tenant(), tp_viewer_user(), tp_subtree(), tp_visible_tenants() TO tianping_app;
--> statement-breakpoint

-- The closure table and depth are kept by the database itself, in the same transaction as the
-- insert or move, so no code path can leave them inconsistent.
CREATE OR REPLACE FUNCTION tp_tenants_before_write() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    IF NEW.parent_id IS NULL THEN
      NEW.depth := 0;
    ELSE
      IF TG_OP = 'UPDATE' AND EXISTS (
        SELECT 1 FROM public.tenant_closure c WHERE c.ancestor_id = NEW.id AND c.descendant_id = NEW.parent_id
      ) THEN
        RAISE EXCEPTION 'a tenant cannot move into its own subtree' USING ERRCODE = 'check_violation',
          CONSTRAINT = 'tenants_no_cycle';
      END IF;
      SELECT p.depth + 1 INTO NEW.depth FROM public.tenants p WHERE p.id = NEW.parent_id;
    END IF;
    RETURN NEW;
  END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tp_tenants_after_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    INSERT INTO public.tenant_closure (ancestor_id, descendant_id, depth)
      SELECT NEW.id, NEW.id, 0
      UNION ALL
      SELECT c.ancestor_id, NEW.id, c.depth + 1 FROM public.tenant_closure c WHERE c.descendant_id = NEW.parent_id;
    RETURN NULL;
  END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tp_tenants_after_move() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    -- Unlink the moved subtree from its old ancestors ...
    DELETE FROM public.tenant_closure c
      WHERE c.descendant_id IN (SELECT s.descendant_id FROM public.tenant_closure s WHERE s.ancestor_id = NEW.id)
        AND c.ancestor_id NOT IN (SELECT s.descendant_id FROM public.tenant_closure s WHERE s.ancestor_id = NEW.id);
    -- ... and link it under the new parent's ancestors.
    INSERT INTO public.tenant_closure (ancestor_id, descendant_id, depth)
      SELECT sup.ancestor_id, sub.descendant_id, sup.depth + sub.depth + 1
      FROM public.tenant_closure sup CROSS JOIN public.tenant_closure sub
      WHERE sup.descendant_id = NEW.parent_id AND sub.ancestor_id = NEW.id;
    UPDATE public.tenants t SET depth = NEW.depth + s.depth
      FROM public.tenant_closure s WHERE s.ancestor_id = NEW.id AND s.descendant_id = t.id AND s.depth > 0;
    RETURN NULL;
  END $$;
--> statement-breakpoint
CREATE TRIGGER tenants_before_insert BEFORE INSERT ON tenants
  FOR EACH ROW EXECUTE FUNCTION tp_tenants_before_write();
--> statement-breakpoint
CREATE TRIGGER tenants_before_move BEFORE UPDATE OF parent_id ON tenants
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION tp_tenants_before_write();
--> statement-breakpoint
CREATE TRIGGER tenants_after_insert AFTER INSERT ON tenants
  FOR EACH ROW EXECUTE FUNCTION tp_tenants_after_insert();
--> statement-breakpoint
CREATE TRIGGER tenants_after_move AFTER UPDATE OF parent_id ON tenants
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION tp_tenants_after_move();
--> statement-breakpoint

-- Row-level security, enabled and FORCED on every tenant-owned table.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_closure ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_closure FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Sign-in bookkeeping: no policy at all, so nothing but the owner can touch it.
ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY;
--> statement-breakpoint

-- The parent_id arm admits the same rows (a child of the subtree is in the subtree) and also a row
-- being inserted, which the closure table does not list until the statement's trigger has run:
-- INSERT ... RETURNING checks new rows against this policy.
CREATE POLICY tenants_select ON tenants FOR SELECT TO tianping_app
  USING (id IN (SELECT tp_visible_tenants()) OR parent_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY tenants_insert ON tenants FOR INSERT TO tianping_app
  WITH CHECK (parent_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY tenants_update ON tenants FOR UPDATE TO tianping_app
  USING (id IN (SELECT tp_subtree()))
  WITH CHECK (id IN (SELECT tp_subtree()) AND (parent_id IS NULL OR parent_id IN (SELECT tp_visible_tenants())));
--> statement-breakpoint
CREATE POLICY tenant_closure_select ON tenant_closure FOR SELECT TO tianping_app
  USING (descendant_id IN (SELECT tp_visible_tenants()));
--> statement-breakpoint
CREATE POLICY users_select ON users FOR SELECT TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY users_insert ON users FOR INSERT TO tianping_app
  WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY users_update ON users FOR UPDATE TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree()))
  WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint

-- The application role may read and write, never delete (deactivate and suspend instead).
GRANT SELECT, INSERT, UPDATE ON tenants TO tianping_app;
--> statement-breakpoint
GRANT SELECT ON tenant_closure TO tianping_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users TO tianping_app;
