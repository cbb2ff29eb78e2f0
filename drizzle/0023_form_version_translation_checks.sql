-- Which flagged translations staff confirmed as still right before publishing a version (lib/forms/translation-drift.ts).
-- Outside the content and its digest: a note about the review, written once with the version.
ALTER TABLE "form_versions" ADD COLUMN "translation_checks" text[] DEFAULT '{}' NOT NULL;