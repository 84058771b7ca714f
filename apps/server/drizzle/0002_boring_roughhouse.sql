CREATE TABLE "assessment_settings" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"bottom_proposed" smallint DEFAULT 4 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checklist_templates" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "checklist_templates" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "checklist_templates" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD COLUMN "template_version" integer;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD COLUMN "template_snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "rectifications" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rectifications" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rectifications" ADD COLUMN "letter_suggestions" text;--> statement-breakpoint
ALTER TABLE "rectifications" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "assessment_settings" ADD CONSTRAINT "assessment_settings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;