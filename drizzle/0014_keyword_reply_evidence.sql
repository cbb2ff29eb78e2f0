CREATE TABLE "keyword_reply_evidence" (
	"workspace_id" uuid NOT NULL,
	"inbound_message_id" text NOT NULL,
	"provider" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"text_sha256" text NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keyword_reply_evidence_workspace_id_inbound_message_id_pk" PRIMARY KEY("workspace_id","inbound_message_id")
);
--> statement-breakpoint
ALTER TABLE "keyword_reply_evidence" ADD CONSTRAINT "keyword_reply_evidence_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;