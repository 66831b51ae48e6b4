CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on_time" boolean,
	"at" timestamp with time zone NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_facts" (
	"case_id" uuid PRIMARY KEY,
	"tenant_id" uuid NOT NULL,
	"origin_tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"category" text,
	"service_item_id" uuid,
	"status" text NOT NULL,
	"outcome" text,
	"received_at" timestamp with time zone NOT NULL,
	"received_day" date NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_day" date,
	"statutory_due_at" timestamp with time zone,
	"committed_due_at" timestamp with time zone,
	"on_time_statutory" boolean,
	"on_time_committed" boolean,
	"working_days" integer,
	"extended" boolean DEFAULT false NOT NULL,
	"rating" smallint,
	"rated_day" date,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"abandoned" boolean DEFAULT false NOT NULL,
	"agent_user_id" uuid,
	"case_id" uuid,
	"api_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" ("prefix");--> statement-breakpoint
CREATE INDEX "api_keys_tenant_idx" ON "api_keys" ("tenant_id");--> statement-breakpoint
CREATE INDEX "case_activity_day_idx" ON "case_activity" ("day","tenant_id","kind");--> statement-breakpoint
CREATE INDEX "case_facts_received_idx" ON "case_facts" ("received_day","tenant_id");--> statement-breakpoint
CREATE INDEX "case_facts_resolved_idx" ON "case_facts" ("resolved_day","tenant_id") WHERE "resolved_day" is not null;--> statement-breakpoint
CREATE INDEX "case_facts_rated_idx" ON "case_facts" ("rated_day","tenant_id") WHERE "rated_day" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_external_key" ON "contacts" ("tenant_id","channel","external_id");--> statement-breakpoint
CREATE INDEX "contacts_arrived_idx" ON "contacts" ("tenant_id","arrived_at");--> statement-breakpoint
CREATE INDEX "contacts_agent_idx" ON "contacts" ("agent_user_id","arrived_at");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "case_activity" ADD CONSTRAINT "case_activity_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_activity" ADD CONSTRAINT "case_activity_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_origin_tenant_id_tenants_id_fkey" FOREIGN KEY ("origin_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_agent_user_id_users_id_fkey" FOREIGN KEY ("agent_user_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_api_key_id_api_keys_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL;