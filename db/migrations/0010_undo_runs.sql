ALTER TYPE "public"."sync_change_kind" ADD VALUE 'unlinked';--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "undo_of_run_id" uuid;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_undo_of_run_fk" FOREIGN KEY ("practice_id","undo_of_run_id") REFERENCES "public"."sync_runs"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_runs_undo_of_run_idx" ON "sync_runs" USING btree ("practice_id","undo_of_run_id");