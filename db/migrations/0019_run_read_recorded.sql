ALTER TABLE "sync_runs" ADD COLUMN "read_recorded_at" timestamp with time zone;--> statement-breakpoint
-- A run that committed a batch had recorded its read first: one waiting to be resumed across
-- this upgrade keeps counting only what is new.
UPDATE "sync_runs" SET "read_recorded_at" = coalesce("heartbeat_at", "started_at", "queued_at") WHERE "cursor" IS NOT NULL AND "status" IN ('queued', 'running');
