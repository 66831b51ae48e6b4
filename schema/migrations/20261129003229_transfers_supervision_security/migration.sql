-- Transfers, assignment down the tree, supervision orders and notifications (Art. 10, 12, 13, 15).

-- A case is also visible to the tenant deciding on a transfer to it (while it waits), and to the
-- tenant that sent it down (交办; the 12348 centre sends cases to tenants outside its own subtree).
-- A tenant that only rejected a transfer keeps nothing: pending_transfer_tenant_id is cleared.
DROP POLICY cases_select ON cases;
--> statement-breakpoint
CREATE POLICY cases_select ON cases FOR SELECT TO tianping_app
  USING (
    handler_tenant_id IN (SELECT tp_subtree())
    OR origin_tenant_id IN (SELECT tp_subtree())
    OR first_responder_tenant_id IN (SELECT tp_subtree())
    OR pending_transfer_tenant_id IN (SELECT tp_subtree())
    OR assigned_by_tenant_id IN (SELECT tp_subtree())
    -- Only inside the transaction that rejects a transfer of this very case (PostgreSQL checks an
    -- updated row against the SELECT policy too): the rejecting tenant sees the row it hands back
    -- for that one statement, and never again.
    OR (transfer_rejected_by_tenant_id = tp_viewer_tenant() AND id::text = current_setting('app.handing_back', true))
  );
--> statement-breakpoint
-- Written by the handler's subtree; by the receiver while it decides (accepting makes it the
-- handler; rejecting hands the case back, a row it may no longer read afterwards); and by the
-- tenant that sends a case down, for the assignment itself.
DROP POLICY cases_update ON cases;
--> statement-breakpoint
CREATE POLICY cases_update ON cases FOR UPDATE TO tianping_app
  USING (handler_tenant_id IN (SELECT tp_subtree()) OR pending_transfer_tenant_id IN (SELECT tp_subtree()))
  WITH CHECK (
    handler_tenant_id IN (SELECT tp_subtree())
    OR assigned_by_tenant_id IN (SELECT tp_subtree())
    OR transfer_rejected_by_tenant_id = tp_viewer_tenant()
  );
--> statement-breakpoint

ALTER TABLE supervision_orders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE supervision_orders FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY supervision_orders_select ON supervision_orders FOR SELECT TO tianping_app
  USING (issuer_tenant_id IN (SELECT tp_subtree()) OR case_id IN (SELECT c.id FROM cases c));
--> statement-breakpoint
CREATE POLICY supervision_orders_insert ON supervision_orders FOR INSERT TO tianping_app
  WITH CHECK (issuer_tenant_id IN (SELECT tp_visible_tenants()) AND tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY supervision_orders_update ON supervision_orders FOR UPDATE TO tianping_app
  USING (issuer_tenant_id IN (SELECT tp_subtree()) OR case_id IN (SELECT c.id FROM cases c WHERE c.handler_tenant_id IN (SELECT tp_subtree())))
  WITH CHECK (issuer_tenant_id IN (SELECT tp_subtree()) OR case_id IN (SELECT c.id FROM cases c WHERE c.handler_tenant_id IN (SELECT tp_subtree())));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON supervision_orders TO tianping_app;
--> statement-breakpoint

-- Notifications: each user reads their own and their tenant's; anyone writes one about a case
-- they can see (a transfer to another tenant, a decision back to the sender ...).
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_select ON notifications FOR SELECT TO tianping_app
  USING (user_id = tp_viewer_user() OR (user_id IS NULL AND tenant_id = tp_viewer_tenant()));
--> statement-breakpoint
CREATE POLICY notifications_insert ON notifications FOR INSERT TO tianping_app
  WITH CHECK (case_id IS NULL OR case_id IN (SELECT c.id FROM cases c));
--> statement-breakpoint
GRANT SELECT, INSERT ON notifications TO tianping_app;
--> statement-breakpoint
ALTER TABLE notification_reads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notification_reads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_reads_own ON notification_reads FOR ALL TO tianping_app
  USING (user_id = tp_viewer_user()) WITH CHECK (user_id = tp_viewer_user());
--> statement-breakpoint
GRANT SELECT, INSERT ON notification_reads TO tianping_app;
--> statement-breakpoint

-- Whether one tenant is strictly above another, for tenants the caller may not otherwise see
-- (the 12348 centre dispatching across its bureau's tree). Reveals only that relation of two ids.
CREATE OR REPLACE FUNCTION tp_is_strict_ancestor(p_ancestor uuid, p_descendant uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT EXISTS (SELECT 1 FROM public.tenant_closure c WHERE c.ancestor_id = p_ancestor AND c.descendant_id = p_descendant AND c.depth > 0) $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_is_strict_ancestor(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_is_strict_ancestor(uuid, uuid) TO tianping_app;
