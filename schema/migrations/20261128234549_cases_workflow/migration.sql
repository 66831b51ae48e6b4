CREATE TABLE "case_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"viewer_tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"field" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"bucket" text,
	"window_start" timestamp with time zone,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
CREATE TABLE "tenant_case_settings" (
	"tenant_id" uuid PRIMARY KEY,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "flags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "follow_up_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "appeal_status" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "tracking_code" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "tracking_secret_hash" text;--> statement-breakpoint
CREATE INDEX "case_access_log_user_at_idx" ON "case_access_log" ("user_id","at");--> statement-breakpoint
CREATE INDEX "case_access_log_case_idx" ON "case_access_log" ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_idempotency_key" ON "cases" ("origin_tenant_id","idempotency_key") WHERE "idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_tracking_code_key" ON "cases" ("tracking_code") WHERE "tracking_code" is not null;--> statement-breakpoint
CREATE INDEX "cases_closes_at_idx" ON "cases" ("closes_at") WHERE "status" = 'RESOLVED';--> statement-breakpoint
CREATE INDEX "cases_opened_idx" ON "cases" ("handler_tenant_id","opened_at");--> statement-breakpoint
ALTER TABLE "case_access_log" ADD CONSTRAINT "case_access_log_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_access_log" ADD CONSTRAINT "case_access_log_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_access_log" ADD CONSTRAINT "case_access_log_viewer_tenant_id_tenants_id_fkey" FOREIGN KEY ("viewer_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_access_log" ADD CONSTRAINT "case_access_log_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "tenant_case_settings" ADD CONSTRAINT "tenant_case_settings_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;