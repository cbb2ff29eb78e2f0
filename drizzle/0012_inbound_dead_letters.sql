CREATE TABLE "inbound_dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"provider_item_id" text,
	"item_key" text NOT NULL,
	"reason_code" text NOT NULL,
	"reason" text NOT NULL,
	"raw_sealed" text,
	"phone_digest" text,
	"bsuid_digest" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retried_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	CONSTRAINT "inbound_dead_letters_item" UNIQUE("workspace_id","channel","item_key")
);
--> statement-breakpoint
ALTER TABLE "inbound_dead_letters" ADD CONSTRAINT "inbound_dead_letters_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_dead_letters_workspace_received" ON "inbound_dead_letters" USING btree ("workspace_id","received_at");--> statement-breakpoint
CREATE INDEX "inbound_dead_letters_workspace_phone" ON "inbound_dead_letters" USING btree ("workspace_id","phone_digest");