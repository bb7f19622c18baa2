CREATE TYPE "public"."deployment_status" AS ENUM('queued', 'running', 'needs_choice', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."deployment_step_kind" AS ENUM('linked', 'matched', 'created', 'made_client', 'job_found', 'job_created', 'waiting', 'failed');--> statement-breakpoint
CREATE TABLE "workflow_deployment_steps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workflow_deployment_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"practice_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"kind" "deployment_step_kind" NOT NULL,
	"message" text NOT NULL,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"status" "deployment_status" DEFAULT 'queued' NOT NULL,
	"requested_by_user_id" uuid,
	"external_client_id" text,
	"external_client_name" text,
	"external_client_url" text,
	"chosen_external_id" text,
	"candidates" jsonb,
	"choice_reason" text,
	"external_job_number" text,
	"external_job_id" text,
	"external_job_url" text,
	"error_message" text,
	"error_detail" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "workflow_deployments_proposal_app_key" UNIQUE("practice_id","proposal_id","app"),
	CONSTRAINT "workflow_deployments_practice_id_id_key" UNIQUE("practice_id","id")
);
--> statement-breakpoint
ALTER TABLE "workflow_deployment_steps" ADD CONSTRAINT "workflow_deployment_steps_practice_id_deployment_id_workflow_deployments_practice_id_id_fk" FOREIGN KEY ("practice_id","deployment_id") REFERENCES "public"."workflow_deployments"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_deployments" ADD CONSTRAINT "workflow_deployments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_deployments" ADD CONSTRAINT "workflow_deployments_practice_id_proposal_id_proposals_practice_id_id_fk" FOREIGN KEY ("practice_id","proposal_id") REFERENCES "public"."proposals"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_deployments" ADD CONSTRAINT "workflow_deployments_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_deployments" ADD CONSTRAINT "workflow_deployments_practice_id_requested_by_user_id_users_practice_id_id_fk" FOREIGN KEY ("practice_id","requested_by_user_id") REFERENCES "public"."users"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_deployment_steps_deployment_idx" ON "workflow_deployment_steps" USING btree ("practice_id","deployment_id","id");--> statement-breakpoint
CREATE INDEX "workflow_deployments_status_idx" ON "workflow_deployments" USING btree ("status","updated_at");