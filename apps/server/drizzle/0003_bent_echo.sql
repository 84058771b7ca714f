CREATE TABLE "rep_affiliations" (
	"region_id" uuid NOT NULL,
	"national_id_hash" text NOT NULL,
	"company_id" uuid NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rep_affiliations_region_id_national_id_hash_company_id_pk" PRIMARY KEY("region_id","national_id_hash","company_id")
);
--> statement-breakpoint
ALTER TABLE "rep_reception_rules" ADD COLUMN "unusual" jsonb DEFAULT '{"manyDepartments":3,"hostSharePercent":60,"hostMin":3}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "rep_blacklist" ADD COLUMN "national_id_hash" text;--> statement-breakpoint
ALTER TABLE "rep_violations" ADD COLUMN "booking_id" uuid;--> statement-breakpoint
ALTER TABLE "rep_violations" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "rep_affiliations" ADD CONSTRAINT "rep_affiliations_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_affiliations" ADD CONSTRAINT "rep_affiliations_company_id_rep_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."rep_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rep_affiliations_company_idx" ON "rep_affiliations" USING btree ("company_id");--> statement-breakpoint
ALTER TABLE "rep_violations" ADD CONSTRAINT "rep_violations_booking_id_rep_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."rep_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rep_blacklist_person_idx" ON "rep_blacklist" USING btree ("national_id_hash");