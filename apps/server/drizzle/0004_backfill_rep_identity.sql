-- Reps registered before the company history was kept: record the company each represents now, so that a
-- later move away from a blacklisted company is flagged like any other.
INSERT INTO "rep_affiliations" ("region_id", "national_id_hash", "company_id", "first_seen_at")
SELECT "region_id", "national_id_hash", "company_id", coalesce("submitted_at", now()) FROM "reps"
WHERE "national_id_hash" IS NOT NULL AND "company_id" IS NOT NULL
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Personal bans made before a ban followed the person: give them the banned rep's ID-number hash.
UPDATE "rep_blacklist" SET "national_id_hash" = r."national_id_hash" FROM "reps" r
WHERE "rep_blacklist"."rep_id" = r."id" AND "rep_blacklist"."national_id_hash" IS NULL AND r."national_id_hash" IS NOT NULL;
