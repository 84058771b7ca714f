ALTER TABLE "risk_matrix" ADD COLUMN "likelihood_levels" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_matrix" ADD COLUMN "impact_levels" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "talks" ADD COLUMN "follow_up_done_on" date;--> statement-breakpoint
ALTER TABLE "talks" ADD COLUMN "follow_up_result" text;--> statement-breakpoint
ALTER TABLE "talks" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;