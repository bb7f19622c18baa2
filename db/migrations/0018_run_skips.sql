CREATE TYPE "public"."sync_skip_reason" AS ENUM('several_clients', 'several_records', 'linked_meanwhile', 'archived_in_app');--> statement-breakpoint
CREATE TABLE "sync_run_skips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"record_name" text,
	"reason" "sync_skip_reason" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_run_skips_run_external_key" UNIQUE("run_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "sync_run_skips" ADD CONSTRAINT "sync_run_skips_practice_id_run_id_sync_runs_practice_id_id_fk" FOREIGN KEY ("practice_id","run_id") REFERENCES "public"."sync_runs"("practice_id","id") ON DELETE cascade ON UPDATE no action;