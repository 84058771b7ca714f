CREATE TABLE "screening_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"keys" jsonb NOT NULL,
	"key_text" text NOT NULL,
	"period" text NOT NULL,
	"score" double precision NOT NULL,
	"summary" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"amount" numeric(20, 2),
	"status" text DEFAULT 'open' NOT NULL,
	"param_version" integer NOT NULL,
	"run_id" uuid,
	"dismissed_reason" text,
	"dismissed_by" text,
	"dismissed_at" timestamp with time zone,
	"dismissed_score" double precision,
	"dismissed_amount" numeric(20, 2),
	"case_id" uuid,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_committee_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"decision_id" text NOT NULL,
	"decided_on" date NOT NULL,
	"product_code" text NOT NULL,
	"outcome" text NOT NULL,
	"member_staff_no" text NOT NULL,
	"person_id" uuid,
	"vote" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"sha256" text NOT NULL,
	"status" text NOT NULL,
	"partial" boolean DEFAULT false NOT NULL,
	"region_id" uuid,
	"institution_id" uuid,
	"rows_read" bigint DEFAULT 0 NOT NULL,
	"imported" bigint DEFAULT 0 NOT NULL,
	"updated" bigint DEFAULT 0 NOT NULL,
	"unchanged" bigint DEFAULT 0 NOT NULL,
	"rejected" bigint DEFAULT 0 NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"bytes_total" bigint DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"problems_total" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "screening_param_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"params" jsonb NOT NULL,
	"hash" text NOT NULL,
	"note" text,
	"adopted" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_param_versions_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "screening_products" (
	"code" text PRIMARY KEY NOT NULL,
	"generic_name" text NOT NULL,
	"brand_name" text,
	"spec" text,
	"manufacturer_code" text,
	"category" text NOT NULL,
	"platform_price_fen" bigint,
	"vbp" boolean DEFAULT false NOT NULL,
	"key_monitored" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"staff_no" text NOT NULL,
	"supplier_code" text NOT NULL,
	"relation" text NOT NULL,
	"declared_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_rep_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"visit_id" text NOT NULL,
	"supplier_code" text NOT NULL,
	"rep_id" text NOT NULL,
	"visited_on" date NOT NULL,
	"dept_code" text,
	"host_staff_no" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid,
	"institution_id" uuid,
	"from_period" text NOT NULL,
	"to_period" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"param_version" integer NOT NULL,
	"progress" jsonb DEFAULT '{"done":0,"total":0,"current":null}'::jsonb NOT NULL,
	"rule_times" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"alerts_found" integer DEFAULT 0 NOT NULL,
	"alerts_new" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "screening_suppliers" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"kind" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "screening_alerts" ADD CONSTRAINT "screening_alerts_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_alerts" ADD CONSTRAINT "screening_alerts_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_committee_votes" ADD CONSTRAINT "screening_committee_votes_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_committee_votes" ADD CONSTRAINT "screening_committee_votes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_imports" ADD CONSTRAINT "screening_imports_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_imports" ADD CONSTRAINT "screening_imports_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_relations" ADD CONSTRAINT "screening_relations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_relations" ADD CONSTRAINT "screening_relations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_rep_visits" ADD CONSTRAINT "screening_rep_visits_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_runs" ADD CONSTRAINT "screening_runs_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_runs" ADD CONSTRAINT "screening_runs_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "screening_alerts_identity_uq" ON "screening_alerts" USING btree ("institution_id","rule","key_text","period");--> statement-breakpoint
CREATE INDEX "screening_alerts_list_idx" ON "screening_alerts" USING btree ("institution_id","status","rule");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_committee_votes_uq" ON "screening_committee_votes" USING btree ("institution_id","decision_id","member_staff_no");--> statement-breakpoint
CREATE INDEX "screening_imports_created_idx" ON "screening_imports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "screening_products_generic_idx" ON "screening_products" USING btree ("generic_name");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_relations_uq" ON "screening_relations" USING btree ("person_id","supplier_code","relation");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_rep_visits_uq" ON "screening_rep_visits" USING btree ("institution_id","visit_id");--> statement-breakpoint
CREATE INDEX "screening_runs_created_idx" ON "screening_runs" USING btree ("created_at");