CREATE TABLE "quality_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"condition_key" text NOT NULL,
	"subject_id" uuid,
	"title" text NOT NULL,
	"detail" jsonb NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "quality_daily" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"category_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"channel" "event_channel" NOT NULL,
	"opt_ins" integer DEFAULT 0 NOT NULL,
	"opt_ins_confirm_asked" integer DEFAULT 0 NOT NULL,
	"confirms" integer DEFAULT 0 NOT NULL,
	"opt_outs" integer DEFAULT 0 NOT NULL,
	"opt_outs_7d" integer DEFAULT 0 NOT NULL,
	"opt_outs_30d" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "quality_daily_workspace_id_day_category_id_form_id_channel_pk" PRIMARY KEY("workspace_id","day","category_id","form_id","channel")
);
--> statement-breakpoint
CREATE TABLE "quality_fold_state" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"position" bigint DEFAULT 0 NOT NULL,
	"alerts_checked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_form_daily" (
	"workspace_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "quality_form_daily_workspace_id_form_id_day_pk" PRIMARY KEY("workspace_id","form_id","day")
);
--> statement-breakpoint
CREATE TABLE "quality_rating_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"rating" text NOT NULL,
	"messaging_limit" text,
	"observed_at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"opt_out_jump_points" integer NOT NULL,
	"min_opt_ins" integer NOT NULL,
	"rating_alert_level" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD CONSTRAINT "quality_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD CONSTRAINT "quality_alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_fold_state" ADD CONSTRAINT "quality_fold_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_rating_entries" ADD CONSTRAINT "quality_rating_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_rating_entries" ADD CONSTRAINT "quality_rating_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_settings" ADD CONSTRAINT "quality_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_settings" ADD CONSTRAINT "quality_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_alerts_open_condition" ON "quality_alerts" USING btree ("workspace_id","condition_key") WHERE cleared_at is null;--> statement-breakpoint
CREATE INDEX "quality_alerts_workspace_raised" ON "quality_alerts" USING btree ("workspace_id","raised_at");--> statement-breakpoint
CREATE INDEX "quality_rating_entries_workspace_observed" ON "quality_rating_entries" USING btree ("workspace_id","observed_at");