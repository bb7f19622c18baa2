ALTER TABLE "sync_runs" ADD COLUMN "read_recorded_at" timestamp with time zone;--> statement-breakpoint
-- A run waiting to be resumed across this upgrade whose read was recorded (it committed a batch,
-- or its read set counts) keeps counting only what is new.
UPDATE "sync_runs" SET "read_recorded_at" = coalesce("heartbeat_at", "started_at", "queued_at")
WHERE "status" IN ('queued', 'running')
  AND ("cursor" IS NOT NULL OR "fetched" > 0 OR "failed" > 0 OR "skipped" > 0 OR "unchanged" > 0);
