ALTER TABLE "client_link_audit" ADD COLUMN "before_name" text;--> statement-breakpoint
ALTER TABLE "client_link_audit" ADD COLUMN "after_name" text;