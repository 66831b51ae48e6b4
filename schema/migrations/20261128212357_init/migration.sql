CREATE TYPE "tenant_kind" AS ENUM('MUNICIPAL_BUREAU', 'DISTRICT_BUREAU', 'JUDICIAL_OFFICE', 'HOTLINE_CENTER', 'LEGAL_AID_CENTER', 'LAW_FIRM', 'NOTARY_OFFICE', 'MEDIATION_COMMITTEE', 'APPRAISAL_INSTITUTION');--> statement-breakpoint
CREATE TYPE "tenant_status" AS ENUM('ACTIVE', 'SUSPENDED');--> statement-breakpoint
CREATE TABLE "tenant_closure" (
	"ancestor_id" uuid,
	"descendant_id" uuid,
	"depth" integer NOT NULL,
	CONSTRAINT "tenant_closure_pkey" PRIMARY KEY("ancestor_id","descendant_id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"parent_id" uuid,
	"kind" "tenant_kind" NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"division_code" text,
	"address" text,
	"phone" text,
	"office_hours" text,
	"statutory_duties" text,
	"introduction" text,
	"status" "tenant_status" DEFAULT 'ACTIVE'::"tenant_status" NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_format" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"tenant_id" uuid NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"phone" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"password_hash" text NOT NULL,
	"token_version" integer DEFAULT 1 NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_roles_known" CHECK ("roles" <@ array['ADMIN','STAFF','SUPERVISOR']::text[])
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"username_key" text PRIMARY KEY,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "tenant_closure_descendant_idx" ON "tenant_closure" ("descendant_id","ancestor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants" ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_single_root" ON "tenants" ((true)) WHERE "parent_id" is null;--> statement-breakpoint
CREATE INDEX "tenants_parent_idx" ON "tenants" ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" (lower("username"));--> statement-breakpoint
CREATE INDEX "users_tenant_idx" ON "users" ("tenant_id");--> statement-breakpoint
ALTER TABLE "tenant_closure" ADD CONSTRAINT "tenant_closure_ancestor_id_tenants_id_fkey" FOREIGN KEY ("ancestor_id") REFERENCES "tenants"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "tenant_closure" ADD CONSTRAINT "tenant_closure_descendant_id_tenants_id_fkey" FOREIGN KEY ("descendant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_parent_id_tenants_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT;