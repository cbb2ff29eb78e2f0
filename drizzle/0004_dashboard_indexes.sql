-- The staff audit log is evidence too: like the ledger, it refuses edits and deletions.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION assent_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION assent_refuse_change();
--> statement-breakpoint
-- Keyset pages of the contacts table, per sort order.
CREATE INDEX contacts_workspace_updated ON contacts (workspace_id, updated_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX contacts_workspace_created ON contacts (workspace_id, created_at, id);
--> statement-breakpoint
-- Search: the start of a phone number or of a name.
CREATE INDEX contacts_workspace_phone_prefix ON contacts (workspace_id, phone text_pattern_ops);
--> statement-breakpoint
CREATE INDEX contacts_workspace_name_prefix ON contacts (workspace_id, lower(name) text_pattern_ops);
--> statement-breakpoint
-- Opt-out delivery times: the outbox row that carried a command.
CREATE INDEX outbox_command ON outbox ((payload->>'commandId'));
--> statement-breakpoint
CREATE INDEX consent_events_workspace_action_recorded ON consent_events (workspace_id, action, recorded_at DESC, id DESC);
