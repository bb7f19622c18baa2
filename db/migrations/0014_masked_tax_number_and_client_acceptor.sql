ALTER TABLE "clients" ADD COLUMN "tax_number_masked" text;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "accepted_by_client_contact" text;