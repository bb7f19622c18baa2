CREATE INDEX "client_links_practice_app_status_idx" ON "client_links" USING btree ("practice_id","app","status");--> statement-breakpoint
CREATE INDEX "directory_records_practice_app_live_idx" ON "directory_records" USING btree ("practice_id","app") WHERE not "directory_records"."archived";--> statement-breakpoint
CREATE INDEX "sync_runs_practice_app_queued_idx" ON "sync_runs" USING btree ("practice_id","app","queued_at");--> statement-breakpoint
CREATE INDEX "sync_runs_practice_app_started_idx" ON "sync_runs" USING btree ("practice_id","app","started_at");--> statement-breakpoint
CREATE INDEX "sync_runs_practice_status_idx" ON "sync_runs" USING btree ("practice_id","status");--> statement-breakpoint
CREATE INDEX "workflow_deployments_attention_idx" ON "workflow_deployments" USING btree ("practice_id","updated_at") WHERE "workflow_deployments"."status" in ('failed', 'needs_choice');