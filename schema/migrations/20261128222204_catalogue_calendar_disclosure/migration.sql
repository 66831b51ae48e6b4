CREATE TYPE "service_category" AS ENUM('LAWYER', 'NOTARY', 'LEGAL_AID', 'MEDIATION', 'APPRAISAL', 'EXAM', 'LEGAL_EDUCATION', 'CONSULTATION', 'OTHER');--> statement-breakpoint
CREATE TYPE "service_item_status" AS ENUM('DRAFT', 'PUBLISHED', 'ARCHIVED');--> statement-breakpoint
CREATE TYPE "commitment_kind" AS ENUM('ATTITUDE', 'TIME_LIMIT', 'QUALITY', 'RESPONSE_TIME', 'OTHER');--> statement-breakpoint
CREATE TYPE "commitment_metric" AS ENUM('ON_TIME_RATE', 'HOTLINE_ANSWER_SECONDS', 'CHAT_ANSWER_SECONDS', 'MESSAGE_REPLY_MINUTES', 'SATISFACTION_RATE');--> statement-breakpoint
CREATE TYPE "phrase_kind" AS ENUM('STANDARD', 'FORBIDDEN');--> statement-breakpoint
CREATE TABLE "holiday_years" (
	"year" integer PRIMARY KEY,
	"arrangement" jsonb NOT NULL,
	"source" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holiday_years_year_range" CHECK ("year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "tenant_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_item_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "service_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" "service_category" NOT NULL,
	"status" "service_item_status" DEFAULT 'DRAFT'::"service_item_status" NOT NULL,
	"draft" jsonb NOT NULL,
	"has_unpublished_changes" boolean DEFAULT true NOT NULL,
	"published_version" integer,
	"is_template" boolean DEFAULT false NOT NULL,
	"adopted_from_item_id" uuid,
	"adopted_from_version" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"kind" "commitment_kind" NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"metric" "commitment_metric",
	"target" numeric(10,2),
	"published" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitments_metric_target" CHECK (("metric" is null) = ("target" is null))
);
--> statement-breakpoint
CREATE TABLE "phrases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"kind" "phrase_kind" NOT NULL,
	"text" text NOT NULL,
	"note" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_settings" (
	"key" text PRIMARY KEY,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_closures_tenant_day_key" ON "tenant_closures" ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "tenant_closures_day_idx" ON "tenant_closures" ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "service_item_versions_item_no_key" ON "service_item_versions" ("tenant_id","item_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "service_items_tenant_code_key" ON "service_items" ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "service_items_tenant_status_idx" ON "service_items" ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "service_items_templates_idx" ON "service_items" ("is_template") WHERE "is_template";--> statement-breakpoint
CREATE INDEX "commitments_tenant_idx" ON "commitments" ("tenant_id","sort_order");--> statement-breakpoint
CREATE INDEX "phrases_tenant_kind_idx" ON "phrases" ("tenant_id","kind");--> statement-breakpoint
ALTER TABLE "holiday_years" ADD CONSTRAINT "holiday_years_updated_by_users_id_fkey" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "tenant_closures" ADD CONSTRAINT "tenant_closures_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "tenant_closures" ADD CONSTRAINT "tenant_closures_created_by_users_id_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "service_item_versions" ADD CONSTRAINT "service_item_versions_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "service_item_versions" ADD CONSTRAINT "service_item_versions_item_id_service_items_id_fkey" FOREIGN KEY ("item_id") REFERENCES "service_items"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "service_item_versions" ADD CONSTRAINT "service_item_versions_published_by_users_id_fkey" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_adopted_from_item_id_service_items_id_fkey" FOREIGN KEY ("adopted_from_item_id") REFERENCES "service_items"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "phrases" ADD CONSTRAINT "phrases_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;