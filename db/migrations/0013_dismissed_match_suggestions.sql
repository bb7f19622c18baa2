CREATE TABLE "dismissed_match_suggestions" (
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"app" "app_id" NOT NULL,
	"external_id" text NOT NULL,
	"dismissed_by_user_id" uuid,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dismissed_match_suggestions_practice_id_client_id_app_external_id_pk" PRIMARY KEY("practice_id","client_id","app","external_id")
);
--> statement-breakpoint
ALTER TABLE "dismissed_match_suggestions" ADD CONSTRAINT "dismissed_match_suggestions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dismissed_match_suggestions" ADD CONSTRAINT "dismissed_match_suggestions_dismissed_by_user_id_users_id_fk" FOREIGN KEY ("dismissed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dismissed_match_suggestions" ADD CONSTRAINT "dismissed_match_suggestions_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;