DROP INDEX "consent_events_workspace_recorded";--> statement-breakpoint
-- Backfill without rewriting the append-only table (no UPDATE, so its triggers are not involved): a constant
-- default is stored once for the existing rows, which all committed before any new transaction, and keep their
-- append order through position. New rows then get their own transaction's id.
ALTER TABLE "consent_events" ADD COLUMN "tx_id" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ALTER COLUMN "tx_id" SET DEFAULT (pg_current_xact_id()::text)::bigint;--> statement-breakpoint
CREATE INDEX "consent_events_workspace_commit_order" ON "consent_events" USING btree ("workspace_id","tx_id","position");
