-- The update policy's check runs before the AFTER trigger rewrites the closure table, so
-- `id IN tp_subtree()` alone let a viewer move a tenant of its subtree out of it (to an ancestor).
-- Now the new parent must itself be in the viewer's subtree; the only row whose parent may lie
-- outside is the viewer's own tenant, and then the parent must stay what it was.
CREATE OR REPLACE FUNCTION tp_current_parent(p_tenant uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT t.parent_id FROM public.tenants t WHERE t.id = p_tenant $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_current_parent(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_current_parent(uuid) TO tianping_app;
--> statement-breakpoint
DROP POLICY tenants_update ON tenants;
--> statement-breakpoint
CREATE POLICY tenants_update ON tenants FOR UPDATE TO tianping_app
  USING (id IN (SELECT tp_subtree()))
  WITH CHECK (
    id IN (SELECT tp_subtree())
    AND (
      parent_id IN (SELECT tp_subtree())
      OR (id = tp_viewer_tenant() AND parent_id IS NOT DISTINCT FROM tp_current_parent(id))
    )
  );
