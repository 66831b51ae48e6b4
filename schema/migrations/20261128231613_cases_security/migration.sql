-- Cases and the work ledger (Art. 18): row-level security and the append-only guarantee.

-- A case is visible to the subtrees of its handler, its origin and its first responder's tenant
-- (first-inquiry responsibility, Art. 13: the first responder keeps following it). Finer rules
-- (sensitive cases, law-firm confidentiality, write access) are the application's, on top.
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY cases_select ON cases FOR SELECT TO tianping_app
  USING (
    handler_tenant_id IN (SELECT tp_subtree())
    OR origin_tenant_id IN (SELECT tp_subtree())
    OR first_responder_tenant_id IN (SELECT tp_subtree())
  );
--> statement-breakpoint
CREATE POLICY cases_insert ON cases FOR INSERT TO tianping_app
  WITH CHECK (handler_tenant_id IN (SELECT tp_subtree()) AND origin_tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY cases_update ON cases FOR UPDATE TO tianping_app
  USING (handler_tenant_id IN (SELECT tp_subtree()))
  WITH CHECK (handler_tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON cases TO tianping_app;
--> statement-breakpoint

-- The ledger: readable where its case is; written only by the tenant recording the event.
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_events_select ON case_events FOR SELECT TO tianping_app
  USING (case_id IN (SELECT c.id FROM cases c));
--> statement-breakpoint
CREATE POLICY case_events_insert ON case_events FOR INSERT TO tianping_app
  WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT ON case_events TO tianping_app;
--> statement-breakpoint

-- Append-only, for every role: the application role has no UPDATE/DELETE/TRUNCATE grant, and
-- these triggers refuse them for the owner too. (A superuser can still disable triggers; such a
-- rewrite is what verifyLedger's hash chain detects.)
CREATE OR REPLACE FUNCTION tp_refuse_ledger_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    RAISE EXCEPTION 'the work ledger is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$;
--> statement-breakpoint
CREATE TRIGGER case_events_no_update_delete BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION tp_refuse_ledger_change();
--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION tp_refuse_ledger_change();
--> statement-breakpoint

ALTER TABLE case_number_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_number_counters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_number_counters_all ON case_number_counters FOR ALL TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree())) WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_number_counters TO tianping_app;
