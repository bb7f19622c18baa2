ALTER TYPE "public"."sync_skip_reason" ADD VALUE 'tax_number_differs';--> statement-breakpoint
ALTER TYPE "public"."sync_skip_reason" ADD VALUE 'business_number_differs';