CREATE TABLE "workspace_names" (
	"workspace_id" uuid NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"business_name" text NOT NULL,
	"legal_name" text NOT NULL,
	CONSTRAINT "workspace_names_workspace_id_valid_from_pk" PRIMARY KEY("workspace_id","valid_from")
);
--> statement-breakpoint
ALTER TABLE "workspace_names" ADD CONSTRAINT "workspace_names_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written (drizzle cannot express triggers): every rename of a business leaves its old name, from when it
-- held. Whole milliseconds, as the app dates events, so an event in the same millisecond as a rename carries the
-- new name; clock_timestamp and a step past the last rename, so two renames in one transaction keep both. The
-- first name covers all earlier history.
CREATE FUNCTION assent_note_workspace_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO workspace_names (workspace_id, valid_from, business_name, legal_name) VALUES (NEW.id, '-infinity', NEW.business_name, NEW.legal_name);
  ELSIF NEW.business_name IS DISTINCT FROM OLD.business_name OR NEW.legal_name IS DISTINCT FROM OLD.legal_name THEN
    INSERT INTO workspace_names (workspace_id, valid_from, business_name, legal_name) VALUES (NEW.id,
      greatest(date_trunc('milliseconds', clock_timestamp()),
        (SELECT max(valid_from) FROM workspace_names WHERE workspace_id = NEW.id) + interval '1 millisecond'),
      NEW.business_name, NEW.legal_name);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER workspaces_note_names AFTER INSERT OR UPDATE OF business_name, legal_name ON workspaces
  FOR EACH ROW EXECUTE FUNCTION assent_note_workspace_name();
--> statement-breakpoint
INSERT INTO workspace_names (workspace_id, valid_from, business_name, legal_name) SELECT id, '-infinity', business_name, legal_name FROM workspaces;
--> statement-breakpoint
CREATE TRIGGER workspace_names_append_only BEFORE UPDATE OR DELETE ON workspace_names
  FOR EACH ROW EXECUTE FUNCTION assent_refuse_change();
--> statement-breakpoint
CREATE TRIGGER workspace_names_no_truncate BEFORE TRUNCATE ON workspace_names
  FOR EACH STATEMENT EXECUTE FUNCTION assent_refuse_change();
