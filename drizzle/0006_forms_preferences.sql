CREATE TABLE "form_version_snapshots" (
	"form_version_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"language" text NOT NULL,
	"html" text NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_version_snapshots_form_version_id_language_pk" PRIMARY KEY("form_version_id","language")
);
--> statement-breakpoint
CREATE TABLE "confirmation_codes" (
	"workspace_id" uuid NOT NULL,
	"code" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"command_id" uuid NOT NULL,
	"category_keys" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "confirmation_codes_workspace_id_code_pk" PRIMARY KEY("workspace_id","code")
);
--> statement-breakpoint
CREATE TABLE "preference_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "preference_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "draft" jsonb;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "embed_domains" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "form_version_snapshots" ADD CONSTRAINT "form_version_snapshots_form_version_id_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_version_snapshots" ADD CONSTRAINT "form_version_snapshots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmation_codes" ADD CONSTRAINT "confirmation_codes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmation_codes" ADD CONSTRAINT "confirmation_codes_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preference_tokens" ADD CONSTRAINT "preference_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preference_tokens" ADD CONSTRAINT "preference_tokens_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_version_snapshots_workspace" ON "form_version_snapshots" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "confirmation_codes_command" ON "confirmation_codes" USING btree ("command_id");--> statement-breakpoint
CREATE INDEX "preference_tokens_contact" ON "preference_tokens" USING btree ("contact_id");--> statement-breakpoint
-- Snapshots are evidence, like the versions they belong to.
CREATE TRIGGER form_version_snapshots_append_only BEFORE UPDATE OR DELETE ON form_version_snapshots
  FOR EACH ROW EXECUTE FUNCTION assent_refuse_change();
--> statement-breakpoint
CREATE TRIGGER form_version_snapshots_no_truncate BEFORE TRUNCATE ON form_version_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION assent_refuse_change();
