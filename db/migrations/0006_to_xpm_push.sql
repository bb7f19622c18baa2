ALTER TYPE "public"."sync_trigger" ADD VALUE 'edit';--> statement-breakpoint
ALTER TABLE "client_links" ADD COLUMN "last_pushed_hash" text;