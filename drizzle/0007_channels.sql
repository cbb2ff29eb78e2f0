CREATE TABLE "channel_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"whatsapp_phone_number_id" text,
	"whatsapp_app_secret_sealed" text,
	"whatsapp_access_token_sealed" text,
	"whatsapp_verify_token" text NOT NULL,
	"twilio_auth_token_sealed" text,
	"opt_out_keywords" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_messages" (
	"workspace_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"message_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_messages_workspace_id_provider_message_id_pk" PRIMARY KEY("workspace_id","provider","message_id")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_quality_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"event" text NOT NULL,
	"current_limit" text,
	"old_limit" text,
	"display_phone_number" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_settings" ADD CONSTRAINT "channel_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_quality_updates" ADD CONSTRAINT "whatsapp_quality_updates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "whatsapp_quality_updates_workspace_received" ON "whatsapp_quality_updates" USING btree ("workspace_id","received_at");