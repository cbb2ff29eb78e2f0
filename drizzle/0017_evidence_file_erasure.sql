ALTER TABLE "evidence_files" ALTER COLUMN "bytes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_erased_or_kept" CHECK (("evidence_files"."bytes" is null) = ("evidence_files"."erased_at" is not null));