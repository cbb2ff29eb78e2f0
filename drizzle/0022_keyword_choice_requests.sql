CREATE TABLE "keyword_choice_requests" (
	"workspace_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"subject_digest" text NOT NULL,
	"form_version_id" uuid NOT NULL,
	"asked_in" text NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "keyword_choice_requests_workspace_id_channel_subject_digest_pk" PRIMARY KEY("workspace_id","channel","subject_digest")
);
--> statement-breakpoint
ALTER TABLE "keyword_choice_requests" ADD CONSTRAINT "keyword_choice_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keyword_choice_requests" ADD CONSTRAINT "keyword_choice_requests_form_version_id_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "keyword_choice_requests_expiry" ON "keyword_choice_requests" USING btree ("workspace_id","expires_at");