CREATE TABLE "notification_reads" (
	"notification_id" uuid,
	"user_id" uuid,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_reads_pkey" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"case_id" uuid,
	"title" text NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_orders" (
	"id" uuid PRIMARY KEY,
	"case_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"issuer_tenant_id" uuid NOT NULL,
	"issuer_user_id" uuid,
	"reason" text NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"escalated_from_id" uuid,
	"response" text,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"reminders" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"issued_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "pending_transfer_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "transfer_rejected_by_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "assigned_by_tenant_id" uuid;--> statement-breakpoint
CREATE INDEX "cases_pending_transfer_idx" ON "cases" ("pending_transfer_tenant_id") WHERE "pending_transfer_tenant_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_assigned_by_idx" ON "cases" ("assigned_by_tenant_id") WHERE "assigned_by_tenant_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_tenant_idx" ON "notifications" ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" ("dedupe_key") WHERE "dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX "supervision_orders_issuer_idx" ON "supervision_orders" ("issuer_tenant_id","status","respond_by");--> statement-breakpoint
CREATE INDEX "supervision_orders_tenant_idx" ON "supervision_orders" ("tenant_id","status","respond_by");--> statement-breakpoint
CREATE INDEX "supervision_orders_case_idx" ON "supervision_orders" ("case_id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_pending_transfer_tenant_id_tenants_id_fkey" FOREIGN KEY ("pending_transfer_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_transfer_rejected_by_tenant_id_tenants_id_fkey" FOREIGN KEY ("transfer_rejected_by_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assigned_by_tenant_id_tenants_id_fkey" FOREIGN KEY ("assigned_by_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_issuer_tenant_id_tenants_id_fkey" FOREIGN KEY ("issuer_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_issuer_user_id_users_id_fkey" FOREIGN KEY ("issuer_user_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_responded_by_users_id_fkey" FOREIGN KEY ("responded_by") REFERENCES "users"("id") ON DELETE SET NULL;