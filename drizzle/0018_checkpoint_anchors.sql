CREATE TABLE "ledger_checkpoint_anchors" (
	"checkpoint_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"token" "bytea" NOT NULL,
	"gen_time" timestamp (3) with time zone NOT NULL,
	"tsa_url" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_checkpoint_anchors" ADD CONSTRAINT "ledger_checkpoint_anchors_checkpoint_id_ledger_checkpoints_id_fk" FOREIGN KEY ("checkpoint_id") REFERENCES "public"."ledger_checkpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_checkpoint_anchors" ADD CONSTRAINT "ledger_checkpoint_anchors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_checkpoint_anchors_workspace" ON "ledger_checkpoint_anchors" USING btree ("workspace_id");--> statement-breakpoint
-- Hand-written (drizzle cannot express triggers): anchors are evidence, append-only like the checkpoints they anchor.
CREATE TRIGGER ledger_checkpoint_anchors_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoint_anchors
  FOR EACH ROW EXECUTE FUNCTION assent_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_checkpoint_anchors_no_truncate BEFORE TRUNCATE ON ledger_checkpoint_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION assent_refuse_change();
