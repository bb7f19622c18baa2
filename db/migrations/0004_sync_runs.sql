CREATE TYPE "public"."client_field" AS ENUM('name', 'legalName', 'tradingName', 'email', 'phone', 'website', 'streetLine1', 'streetLine2', 'streetCity', 'streetRegion', 'streetPostcode', 'streetCountry', 'postalLine1', 'postalLine2', 'postalCity', 'postalRegion', 'postalPostcode', 'postalCountry', 'taxNumber', 'businessNumber', 'businessStructure', 'contacts');--> statement-breakpoint
CREATE TYPE "public"."settings_cause" AS ENUM('manual', 'recommended_preset', 'make_source', 'connect_defaults', 'disconnect', 'onboarding');--> statement-breakpoint
CREATE TYPE "public"."settings_field" AS ENUM('sync_data', 'sync_direction');--> statement-breakpoint
CREATE TYPE "public"."sync_change_kind" AS ENUM('updated', 'linked', 'created', 'link_archived', 'link_deleted', 'link_restored');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."sync_trigger" AS ENUM('schedule', 'manual', 'webhook', 'workflow', 'onboarding', 'undo');--> statement-breakpoint
CREATE TYPE "public"."webhook_subscription_status" AS ENUM('pending', 'verified', 'failed');--> statement-breakpoint
CREATE TABLE "gusto_webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_uuid" text NOT NULL,
	"url" text NOT NULL,
	"status" "webhook_subscription_status" DEFAULT 'pending' NOT NULL,
	"verification_token_sealed" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone,
	CONSTRAINT "gusto_webhook_subscriptions_subscriptionUuid_unique" UNIQUE("subscription_uuid")
);
--> statement-breakpoint
CREATE TABLE "sync_run_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"kind" "sync_change_kind" NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contacts" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_run_changes_run_external_key" UNIQUE("run_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "sync_run_errors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"external_id" text,
	"record_name" text,
	"message" text NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"direction" "sync_direction" NOT NULL,
	"sync_data" "sync_data" NOT NULL,
	"trigger" "sync_trigger" NOT NULL,
	"requested_by_user_id" uuid,
	"status" "sync_run_status" DEFAULT 'queued' NOT NULL,
	"retry_of_run_id" uuid,
	"only_external_ids" jsonb,
	"fetched" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"linked" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cursor" text,
	"error" text,
	"error_detail" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_runs_practice_id_id_key" UNIQUE("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app" "app_id" NOT NULL,
	"event_uuid" text NOT NULL,
	"event_type" text NOT NULL,
	"resource_uuid" text,
	"practice_id" uuid,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_events_app_event_key" UNIQUE("app","event_uuid")
);
--> statement-breakpoint
ALTER TABLE "client_field_provenance" ALTER COLUMN "field" SET DATA TYPE "public"."client_field" USING "field"::"public"."client_field";--> statement-breakpoint
ALTER TABLE "client_field_provenance" ALTER COLUMN "app" SET DATA TYPE "public"."app_id" USING "app"::"public"."app_id";--> statement-breakpoint
ALTER TABLE "settings_audit" ALTER COLUMN "field" SET DATA TYPE "public"."settings_field" USING "field"::"public"."settings_field";--> statement-breakpoint
ALTER TABLE "settings_audit" ALTER COLUMN "cause" SET DATA TYPE "public"."settings_cause" USING "cause"::"public"."settings_cause";--> statement-breakpoint
ALTER TABLE "sync_run_changes" ADD CONSTRAINT "sync_run_changes_practice_id_run_id_sync_runs_practice_id_id_fk" FOREIGN KEY ("practice_id","run_id") REFERENCES "public"."sync_runs"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_changes" ADD CONSTRAINT "sync_run_changes_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_errors" ADD CONSTRAINT "sync_run_errors_practice_id_run_id_sync_runs_practice_id_id_fk" FOREIGN KEY ("practice_id","run_id") REFERENCES "public"."sync_runs"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_run_changes_client_idx" ON "sync_run_changes" USING btree ("practice_id","client_id");--> statement-breakpoint
CREATE INDEX "sync_run_errors_run_idx" ON "sync_run_errors" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_running_per_app_key" ON "sync_runs" USING btree ("practice_id","app") WHERE "sync_runs"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_queued_per_app_key" ON "sync_runs" USING btree ("practice_id","app") WHERE "sync_runs"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "sync_runs_practice_queued_idx" ON "sync_runs" USING btree ("practice_id","queued_at");--> statement-breakpoint
-- Hand-written (the schema files would import each other to declare it): provenance names the run that wrote the field.
ALTER TABLE "client_field_provenance" ADD CONSTRAINT "client_field_provenance_sync_run_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE no action ON UPDATE no action;
