CREATE TYPE "public"."oauth_return_to" AS ENUM('integrations', 'onboarding');--> statement-breakpoint
CREATE TYPE "public"."onboarding_status" AS ENUM('in_progress', 'dismissed', 'finished');--> statement-breakpoint
CREATE TYPE "public"."onboarding_step" AS ENUM('practice', 'connect', 'setup', 'preview', 'run', 'done');--> statement-breakpoint
CREATE TABLE "onboarding_wizard" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"step" "onboarding_step" DEFAULT 'practice' NOT NULL,
	"status" "onboarding_status" DEFAULT 'in_progress' NOT NULL,
	"chosen_settings" jsonb,
	"import_unlinked" boolean,
	"settings_applied_at" timestamp with time zone,
	"first_run_id" uuid,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_states" ADD COLUMN "return_to" "oauth_return_to" DEFAULT 'integrations' NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "import_unlinked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "onboarding_wizard" ADD CONSTRAINT "onboarding_wizard_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;