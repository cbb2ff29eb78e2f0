ALTER TABLE "consent_events" ALTER COLUMN "phone_digest" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "phone_digest" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "bsuid_digest" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "bsuid_digest" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "bsuid" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_bsuid_digest" UNIQUE("workspace_id","bsuid_digest");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_identified" CHECK ("contacts"."phone_digest" is not null or "contacts"."bsuid_digest" is not null);