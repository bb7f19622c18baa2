CREATE TYPE "public"."link_audit_action" AS ENUM('link', 'unlink', 'relink');--> statement-breakpoint
CREATE TABLE "client_link_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"action" "link_audit_action" NOT NULL,
	"before_external_id" text,
	"after_external_id" text,
	"user_id" uuid,
	"trigger" "sync_trigger" NOT NULL,
	"sync_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_field_provenance" ALTER COLUMN "app" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "client_field_provenance" ADD COLUMN "edited_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "client_link_audit" ADD CONSTRAINT "client_link_audit_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_link_audit" ADD CONSTRAINT "client_link_audit_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_link_audit" ADD CONSTRAINT "client_link_audit_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_link_audit" ADD CONSTRAINT "client_link_audit_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_link_audit_client_idx" ON "client_link_audit" USING btree ("practice_id","client_id","created_at");--> statement-breakpoint
ALTER TABLE "client_field_provenance" ADD CONSTRAINT "client_field_provenance_edited_by_user_id_users_id_fk" FOREIGN KEY ("edited_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_field_provenance" ADD CONSTRAINT "client_field_provenance_one_writer" CHECK (("client_field_provenance"."app" is null) <> ("client_field_provenance"."edited_by_user_id" is null));