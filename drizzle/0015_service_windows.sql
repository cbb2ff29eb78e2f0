CREATE TABLE "service_windows" (
	"workspace_id" uuid NOT NULL,
	"subject_digest" text NOT NULL,
	"business_number" text NOT NULL,
	"last_inbound_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_windows_workspace_id_subject_digest_business_number_pk" PRIMARY KEY("workspace_id","subject_digest","business_number")
);
--> statement-breakpoint
ALTER TABLE "service_windows" ADD CONSTRAINT "service_windows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;