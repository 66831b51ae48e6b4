-- Incidents (Art. 19): the reporting tenant and every tenant above it see an incident, its history,
-- its levels and its alerts; the reporting tenant's subtree writes the report and its history; each
-- level writes its own acknowledgement. A tenant below never sees what was reported above it.
ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incidents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY incidents_select ON incidents FOR SELECT TO tianping_app USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY incidents_insert ON incidents FOR INSERT TO tianping_app WITH CHECK (tenant_id = tp_viewer_tenant());
--> statement-breakpoint
-- Follow-ups and the resolution are the reporting tenant's own.
CREATE POLICY incidents_update ON incidents FOR UPDATE TO tianping_app
  USING (tenant_id = tp_viewer_tenant()) WITH CHECK (tenant_id = tp_viewer_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON incidents TO tianping_app;
--> statement-breakpoint

ALTER TABLE incident_updates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_updates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY incident_updates_select ON incident_updates FOR SELECT TO tianping_app USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY incident_updates_insert ON incident_updates FOR INSERT TO tianping_app WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT ON incident_updates TO tianping_app;
--> statement-breakpoint
CREATE TRIGGER incident_updates_no_update_delete BEFORE UPDATE OR DELETE ON incident_updates
  FOR EACH ROW EXECUTE FUNCTION tp_refuse_ledger_change();
--> statement-breakpoint
CREATE TRIGGER incident_updates_no_truncate BEFORE TRUNCATE ON incident_updates
  FOR EACH STATEMENT EXECUTE FUNCTION tp_refuse_ledger_change();
--> statement-breakpoint

ALTER TABLE incident_levels ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_levels FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY incident_levels_select ON incident_levels FOR SELECT TO tianping_app USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY incident_levels_insert ON incident_levels FOR INSERT TO tianping_app WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
-- Each level writes only its own row (its acknowledgement; the sweeper, acting for a late level,
-- marks it escalated).
CREATE POLICY incident_levels_update ON incident_levels FOR UPDATE TO tianping_app
  USING (level_tenant_id = tp_viewer_tenant()) WITH CHECK (level_tenant_id = tp_viewer_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON incident_levels TO tianping_app;
--> statement-breakpoint

-- Alerts: append-only, for every role.
ALTER TABLE incident_alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_alerts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY incident_alerts_select ON incident_alerts FOR SELECT TO tianping_app USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY incident_alerts_insert ON incident_alerts FOR INSERT TO tianping_app WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT ON incident_alerts TO tianping_app;
--> statement-breakpoint
CREATE TRIGGER incident_alerts_no_update_delete BEFORE UPDATE OR DELETE ON incident_alerts
  FOR EACH ROW EXECUTE FUNCTION tp_refuse_ledger_change();
--> statement-breakpoint
CREATE TRIGGER incident_alerts_no_truncate BEFORE TRUNCATE ON incident_alerts
  FOR EACH STATEMENT EXECUTE FUNCTION tp_refuse_ledger_change();
