DROP INDEX "case_events_tenant_recorded_idx";--> statement-breakpoint
CREATE INDEX "case_events_tenant_recorded_idx" ON "case_events" ("tenant_id","recorded_at","case_id","seq");