CREATE TYPE "public"."app_id" AS ENUM('xpm', 'gusto');--> statement-breakpoint
CREATE TYPE "public"."connection_status" AS ENUM('connected', 'needs_reauth', 'error', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."link_status" AS ENUM('active', 'external_archived', 'external_deleted');--> statement-breakpoint
CREATE TYPE "public"."sync_data" AS ENUM('everything', 'client_name', 'nothing');--> statement-breakpoint
CREATE TYPE "public"."sync_direction" AS ENUM('from_app', 'to_app');--> statement-breakpoint
CREATE TABLE "client_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"external_id" text NOT NULL,
	"status" "link_status" DEFAULT 'active' NOT NULL,
	"last_synced_hash" text,
	"last_synced_at" timestamp with time zone,
	"linked_by_user_id" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_links_practice_app_external_key" UNIQUE("practice_id","app","external_id"),
	CONSTRAINT "client_links_practice_client_app_key" UNIQUE("practice_id","client_id","app")
);
--> statement-breakpoint
CREATE TABLE "connection_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"label" text NOT NULL,
	"access_token_sealed" text,
	"refresh_token_sealed" text,
	"access_token_expires_at" timestamp with time zone,
	"token_version" integer DEFAULT 1 NOT NULL,
	"scope" text,
	"status" "connection_status" DEFAULT 'connected' NOT NULL,
	"last_error" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connection_grants_connection_external_key" UNIQUE("connection_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"status" "connection_status" DEFAULT 'connected' NOT NULL,
	"connected_by_user_id" uuid,
	"connected_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"sync_data" "sync_data" DEFAULT 'nothing' NOT NULL,
	"sync_direction" "sync_direction" DEFAULT 'from_app' NOT NULL,
	"settings_note" text,
	"settings_version" integer DEFAULT 1 NOT NULL,
	"directory_refreshed_at" timestamp with time zone,
	"directory_cursor" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_practice_app_key" UNIQUE("practice_id","app"),
	CONSTRAINT "connections_practice_id_id_key" UNIQUE("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"external_id" text NOT NULL,
	"grant_id" uuid,
	"name" text NOT NULL,
	"normalized_name" text NOT NULL,
	"email" text,
	"phone" text,
	"city" text,
	"tax_number" text,
	"business_number" text,
	"archived" boolean DEFAULT false NOT NULL,
	"is_prospect" boolean DEFAULT false NOT NULL,
	"payload" jsonb NOT NULL,
	"payload_hash" text NOT NULL,
	"remote_modified_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_records_practice_app_external_key" UNIQUE("practice_id","app","external_id")
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"code_verifier_sealed" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "settings_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"user_id" uuid,
	"field" text NOT NULL,
	"before" text,
	"after" text,
	"cause" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_links" ADD CONSTRAINT "client_links_linked_by_user_id_users_id_fk" FOREIGN KEY ("linked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_links" ADD CONSTRAINT "client_links_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_grants" ADD CONSTRAINT "connection_grants_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_grants" ADD CONSTRAINT "connection_grants_practice_id_connection_id_connections_practice_id_id_fk" FOREIGN KEY ("practice_id","connection_id") REFERENCES "public"."connections"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_connected_by_user_id_users_id_fk" FOREIGN KEY ("connected_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_records" ADD CONSTRAINT "directory_records_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings_audit" ADD CONSTRAINT "settings_audit_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings_audit" ADD CONSTRAINT "settings_audit_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connections_one_inbound_source_key" ON "connections" USING btree ("practice_id") WHERE "connections"."sync_direction" = 'from_app' and "connections"."sync_data" <> 'nothing';--> statement-breakpoint
CREATE INDEX "directory_records_practice_name_idx" ON "directory_records" USING btree ("practice_id","normalized_name");--> statement-breakpoint
CREATE INDEX "directory_records_name_trgm_idx" ON "directory_records" USING gin ("normalized_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_records_email_trgm_idx" ON "directory_records" USING gin (lower("email") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "settings_audit_practice_idx" ON "settings_audit" USING btree ("practice_id","created_at");