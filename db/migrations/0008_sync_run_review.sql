ALTER TYPE "public"."sync_run_status" ADD VALUE 'needs_review';--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "approved_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;