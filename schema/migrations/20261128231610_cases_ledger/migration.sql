CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"actor_user_id" uuid,
	"actor_tenant_id" uuid,
	"business_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"prev_hash" text,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_number_counters" (
	"tenant_id" uuid,
	"year" integer,
	"last_seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_number_counters_pkey" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"origin_tenant_id" uuid NOT NULL,
	"handler_tenant_id" uuid NOT NULL,
	"first_responder_tenant_id" uuid NOT NULL,
	"first_responder_user_id" uuid,
	"assignee_user_id" uuid,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"service_item_id" uuid,
	"service_item_version" integer,
	"subject" text NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"priority_sort" integer NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"statutory_due_at" timestamp with time zone,
	"committed_due_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"projection" jsonb NOT NULL,
	"last_seq" integer NOT NULL,
	"last_hash" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_case_seq_key" ON "case_events" ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_events_tenant_recorded_idx" ON "case_events" ("tenant_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_origin_number_key" ON "cases" ("origin_tenant_id","number");--> statement-breakpoint
CREATE INDEX "cases_handler_status_idx" ON "cases" ("handler_tenant_id","status","committed_due_at");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" ("assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "cases_first_responder_idx" ON "cases" ("first_responder_tenant_id");--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_user_id_users_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_tenant_id_tenants_id_fkey" FOREIGN KEY ("actor_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "case_number_counters" ADD CONSTRAINT "case_number_counters_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_origin_tenant_id_tenants_id_fkey" FOREIGN KEY ("origin_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handler_tenant_id_tenants_id_fkey" FOREIGN KEY ("handler_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_first_responder_tenant_id_tenants_id_fkey" FOREIGN KEY ("first_responder_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_first_responder_user_id_users_id_fkey" FOREIGN KEY ("first_responder_user_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_user_id_users_id_fkey" FOREIGN KEY ("assignee_user_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_service_item_id_service_items_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_items"("id") ON DELETE RESTRICT;