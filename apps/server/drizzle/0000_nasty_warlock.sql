CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"person_id" uuid,
	"region_id" uuid NOT NULL,
	"institution_id" uuid,
	"department_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"totp_sealed" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"totp_last_step" integer,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"clinical" boolean NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"require_totp_for_discipline" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "institutions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "party_branches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid,
	"name" text NOT NULL,
	"secretary_id" uuid,
	"inspector_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid,
	"staff_no" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"specialty" text,
	"phone" text,
	"national_id_sealed" text,
	"national_id_masked" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"department_id" uuid,
	"name" text NOT NULL,
	"cadre_level" text DEFAULT 'none' NOT NULL,
	"key_post" boolean DEFAULT false NOT NULL,
	"started_on" date,
	"ended_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"institution_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_counters_institution_id_year_pk" PRIMARY KEY("institution_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"text" text,
	"data" jsonb,
	"visible_to_reporter" boolean DEFAULT false NOT NULL,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_recusals" (
	"case_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_recusals_case_id_account_id_pk" PRIMARY KEY("case_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "case_subjects" (
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid,
	CONSTRAINT "case_subjects_case_id_person_id_pk" PRIMARY KEY("case_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"routed_to" text DEFAULT 'institution' NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"category" text,
	"text" text NOT NULL,
	"department_id" uuid,
	"code_id" uuid,
	"subject_hint" text,
	"anonymous" boolean DEFAULT true NOT NULL,
	"contact_sealed" text,
	"receipt_hash" text,
	"idempotency_hash" text,
	"status" text DEFAULT 'received' NOT NULL,
	"disposal" text,
	"conclusion" text,
	"conclusion_summary" text,
	"actions" text,
	"merged_into_id" uuid,
	"owner_id" uuid,
	"stage_deadline" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"concluded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reporter_checks" integer DEFAULT 0 NOT NULL,
	"purged_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number"),
	CONSTRAINT "cases_receipt_hash_unique" UNIQUE("receipt_hash"),
	CONSTRAINT "cases_idempotency_hash_unique" UNIQUE("idempotency_hash")
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid,
	"person_id" uuid,
	"code_id" uuid,
	"kind" text NOT NULL,
	"stars" smallint,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"praise_form" text,
	"text" text DEFAULT '' NOT NULL,
	"idempotency_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_idempotency_hash_unique" UNIQUE("idempotency_hash")
);
--> statement-breakpoint
CREATE TABLE "integrity_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"kind" text NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid,
	"person_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"scans" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integrity_codes_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "report_inbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"idempotency_hash" text NOT NULL,
	"receipt_hash" text NOT NULL,
	"code_id" uuid NOT NULL,
	"report" jsonb NOT NULL,
	"contact_sealed" text,
	"received_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "report_inbox_idempotency_hash_unique" UNIQUE("idempotency_hash"),
	CONSTRAINT "report_inbox_receipt_hash_unique" UNIQUE("receipt_hash")
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"hotline" text,
	"accept_days" smallint DEFAULT 15 NOT NULL,
	"conclude_days" smallint DEFAULT 60 NOT NULL,
	"feedback_days" smallint DEFAULT 15 NOT NULL,
	"retention_days" integer DEFAULT 1825 NOT NULL,
	"clinician_codes" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_reception_rules" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"weekdays" jsonb NOT NULL,
	"time_from" text NOT NULL,
	"time_to" text NOT NULL,
	"slot_minutes" smallint NOT NULL,
	"slot_capacity" smallint NOT NULL,
	"rooms" jsonb NOT NULL,
	"lead_days" smallint NOT NULL,
	"decide_days" smallint NOT NULL,
	"monthly_limit" smallint NOT NULL,
	"department_ids" jsonb NOT NULL,
	"hosts_required" smallint NOT NULL,
	"ladder" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_approvals" (
	"rep_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"suspended_until" date,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rep_approvals_rep_id_institution_id_pk" PRIMARY KEY("rep_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "rep_blacklist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"rep_id" uuid,
	"reason" text NOT NULL,
	"source_institution_id" uuid,
	"violation_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lift_reason" text
);
--> statement-breakpoint
CREATE TABLE "rep_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"rep_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"room" text,
	"purpose" text NOT NULL,
	"products" jsonb NOT NULL,
	"status" text NOT NULL,
	"decide_by" date NOT NULL,
	"reason" text,
	"host_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"supplier_code" text,
	"kind" text NOT NULL,
	"licence_no" text,
	"licence_file_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_sanctions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"rep_id" uuid,
	"violation_id" uuid,
	"kind" text NOT NULL,
	"products" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"rep_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_sms_codes" (
	"phone" text PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"rep_id" uuid,
	"company_id" uuid,
	"visit_id" uuid,
	"department_id" uuid,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"reported_rep_name" text,
	"reported_company_name" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"step" smallint,
	"sanction" text,
	"reported_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_visit_hosts" (
	"visit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "rep_visit_hosts_visit_id_person_id_pk" PRIMARY KEY("visit_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "rep_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"number" text NOT NULL,
	"booking_id" uuid NOT NULL,
	"rep_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"checked_in_by" uuid,
	"checked_out_at" timestamp with time zone,
	"checked_out_by" uuid,
	"content" text,
	"materials" text,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_at" timestamp with time zone,
	"recorded_by" uuid,
	CONSTRAINT "rep_visits_number_unique" UNIQUE("number"),
	CONSTRAINT "rep_visits_booking_id_unique" UNIQUE("booking_id")
);
--> statement-breakpoint
CREATE TABLE "reps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"password_hash" text NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"name" text,
	"national_id_sealed" text,
	"national_id_masked" text,
	"national_id_hash" text,
	"company_id" uuid,
	"filing_no" text,
	"products" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photo_file_id" uuid,
	"letter_file_id" uuid,
	"letter_from" date,
	"letter_until" date,
	"pledge_signed_at" timestamp with time zone,
	"pledge_version" text,
	"submitted_at" timestamp with time zone,
	"registered_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "cadre_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"period" text NOT NULL,
	"score" numeric(6, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sections" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"passed" boolean NOT NULL,
	"sections" jsonb NOT NULL,
	"filled_by" uuid,
	"filled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"title" text NOT NULL,
	"planned_on" date NOT NULL,
	"methods" jsonb NOT NULL,
	"team_ids" jsonb NOT NULL,
	"department_ids" jsonb NOT NULL,
	"template_id" uuid NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_counters" (
	"institution_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"responsible_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text,
	"evidence_attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verification_note" text,
	"escalated" boolean DEFAULT false NOT NULL,
	"letter_number" text,
	"letter_issued_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_matrix" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"medium" smallint DEFAULT 5 NOT NULL,
	"high" smallint DEFAULT 10 NOT NULL,
	"critical" smallint DEFAULT 17 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_point_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"due_on" date,
	"evidence" text,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid,
	"post_name" text,
	"process" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"likelihood" smallint NOT NULL,
	"impact" smallint NOT NULL,
	"review_on" date,
	"library_key" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_department_id" uuid,
	"kind" text NOT NULL,
	"reason_kind" text NOT NULL,
	"reason_ref" uuid,
	"reason" text NOT NULL,
	"talker_ids" jsonb NOT NULL,
	"talked_on" date NOT NULL,
	"record" text DEFAULT '' NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"follow_up_due" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tender_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"institution_id" uuid,
	"process_id" uuid NOT NULL,
	"code" text NOT NULL,
	"subject" text NOT NULL,
	"subject_id" text NOT NULL,
	"value" double precision NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tender_processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"institution_id" uuid,
	"ocid" text NOT NULL,
	"title" text,
	"buyer_id" text,
	"buyer_name" text,
	"procuring_entity_name" text,
	"procurement_method" text,
	"procurement_method_details" text,
	"tender_status" text,
	"tender_start" timestamp with time zone,
	"tender_end" timestamp with time zone,
	"tender_value" numeric(20, 2),
	"tender_currency" text,
	"awarded_value" numeric(20, 2),
	"awarded_currency" text,
	"award_date" timestamp with time zone,
	"suppliers" text,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"release" jsonb NOT NULL,
	"facts" json NOT NULL,
	"release_hash" text NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"institution_id" uuid,
	"department_id" uuid,
	"uploaded_by" uuid,
	"uploader_person_id" uuid,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"mime" text NOT NULL,
	"filename" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"seq" bigint,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"region_id" uuid,
	"institution_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"prev_hash" text,
	"hash" text
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"last_error" text,
	"dedupe_key" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"institution_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_branches" ADD CONSTRAINT "party_branches_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_branches" ADD CONSTRAINT "party_branches_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_branches" ADD CONSTRAINT "party_branches_secretary_id_people_id_fk" FOREIGN KEY ("secretary_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_branches" ADD CONSTRAINT "party_branches_inspector_id_people_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_recusals" ADD CONSTRAINT "case_recusals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_subjects" ADD CONSTRAINT "case_subjects_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_subjects" ADD CONSTRAINT "case_subjects_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_code_id_integrity_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."integrity_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_code_id_integrity_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."integrity_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrity_codes" ADD CONSTRAINT "integrity_codes_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrity_codes" ADD CONSTRAINT "integrity_codes_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrity_codes" ADD CONSTRAINT "integrity_codes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_inbox" ADD CONSTRAINT "report_inbox_code_id_integrity_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."integrity_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_reception_rules" ADD CONSTRAINT "rep_reception_rules_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_approvals" ADD CONSTRAINT "rep_approvals_rep_id_reps_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."reps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_approvals" ADD CONSTRAINT "rep_approvals_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_blacklist" ADD CONSTRAINT "rep_blacklist_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_blacklist" ADD CONSTRAINT "rep_blacklist_company_id_rep_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."rep_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_blacklist" ADD CONSTRAINT "rep_blacklist_rep_id_reps_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."reps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_blacklist" ADD CONSTRAINT "rep_blacklist_source_institution_id_institutions_id_fk" FOREIGN KEY ("source_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_bookings" ADD CONSTRAINT "rep_bookings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_bookings" ADD CONSTRAINT "rep_bookings_rep_id_reps_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."reps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_bookings" ADD CONSTRAINT "rep_bookings_company_id_rep_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."rep_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_bookings" ADD CONSTRAINT "rep_bookings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_companies" ADD CONSTRAINT "rep_companies_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_sanctions" ADD CONSTRAINT "rep_sanctions_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_sanctions" ADD CONSTRAINT "rep_sanctions_company_id_rep_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."rep_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_sanctions" ADD CONSTRAINT "rep_sanctions_rep_id_reps_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."reps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_sanctions" ADD CONSTRAINT "rep_sanctions_violation_id_rep_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."rep_violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_sessions" ADD CONSTRAINT "rep_sessions_rep_id_reps_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."reps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_violations" ADD CONSTRAINT "rep_violations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_violations" ADD CONSTRAINT "rep_violations_rep_id_reps_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."reps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_violations" ADD CONSTRAINT "rep_violations_company_id_rep_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."rep_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_violations" ADD CONSTRAINT "rep_violations_visit_id_rep_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."rep_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_violations" ADD CONSTRAINT "rep_violations_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_visit_hosts" ADD CONSTRAINT "rep_visit_hosts_visit_id_rep_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."rep_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_visit_hosts" ADD CONSTRAINT "rep_visit_hosts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_visit_hosts" ADD CONSTRAINT "rep_visit_hosts_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_visits" ADD CONSTRAINT "rep_visits_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_visits" ADD CONSTRAINT "rep_visits_booking_id_rep_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."rep_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_visits" ADD CONSTRAINT "rep_visits_rep_id_reps_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."reps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_visits" ADD CONSTRAINT "rep_visits_company_id_rep_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."rep_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_visits" ADD CONSTRAINT "rep_visits_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reps" ADD CONSTRAINT "reps_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reps" ADD CONSTRAINT "reps_company_id_rep_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."rep_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "cadre_assessments" ADD CONSTRAINT "cadre_assessments_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_assessments" ADD CONSTRAINT "cadre_assessments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_templates" ADD CONSTRAINT "checklist_templates_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD CONSTRAINT "inspection_rounds_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD CONSTRAINT "inspection_rounds_template_id_checklist_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."checklist_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_responsible_id_people_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_matrix" ADD CONSTRAINT "risk_matrix_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_measures" ADD CONSTRAINT "risk_measures_risk_point_id_risk_points_id_fk" FOREIGN KEY ("risk_point_id") REFERENCES "public"."risk_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_measures" ADD CONSTRAINT "risk_measures_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_measures" ADD CONSTRAINT "risk_measures_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_points" ADD CONSTRAINT "risk_points_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_points" ADD CONSTRAINT "risk_points_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_flags" ADD CONSTRAINT "tender_flags_process_id_tender_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."tender_processes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_processes" ADD CONSTRAINT "tender_processes_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_processes" ADD CONSTRAINT "tender_processes_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_inst_idx" ON "accounts" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_inst_code_uq" ON "departments" USING btree ("institution_id","code");--> statement-breakpoint
CREATE INDEX "institutions_region_idx" ON "institutions" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "party_branches_inst_idx" ON "party_branches" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_inst_staffno_uq" ON "people" USING btree ("institution_id","staff_no");--> statement-breakpoint
CREATE INDEX "people_dept_idx" ON "people" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "posts_person_idx" ON "posts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "posts_inst_idx" ON "posts" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_subjects_person_idx" ON "case_subjects" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "case_subjects_dept_idx" ON "case_subjects" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "cases_inst_status_idx" ON "cases" USING btree ("institution_id","status");--> statement-breakpoint
CREATE INDEX "cases_region_idx" ON "cases" USING btree ("region_id","routed_to");--> statement-breakpoint
CREATE INDEX "cases_deadline_idx" ON "cases" USING btree ("stage_deadline");--> statement-breakpoint
CREATE INDEX "feedback_inst_idx" ON "feedback" USING btree ("institution_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_dept_idx" ON "feedback" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "integrity_codes_inst_idx" ON "integrity_codes" USING btree ("institution_id","kind");--> statement-breakpoint
CREATE INDEX "report_inbox_received_idx" ON "report_inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "rep_approvals_inst_idx" ON "rep_approvals" USING btree ("institution_id","status");--> statement-breakpoint
CREATE INDEX "rep_blacklist_region_idx" ON "rep_blacklist" USING btree ("region_id","company_id");--> statement-breakpoint
CREATE INDEX "rep_bookings_inst_idx" ON "rep_bookings" USING btree ("institution_id","date");--> statement-breakpoint
CREATE INDEX "rep_bookings_rep_idx" ON "rep_bookings" USING btree ("rep_id","date");--> statement-breakpoint
CREATE INDEX "rep_bookings_code_idx" ON "rep_bookings" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "rep_companies_region_code_uq" ON "rep_companies" USING btree ("region_id","credit_code");--> statement-breakpoint
CREATE INDEX "rep_sanctions_inst_idx" ON "rep_sanctions" USING btree ("institution_id","company_id");--> statement-breakpoint
CREATE INDEX "rep_sessions_rep_idx" ON "rep_sessions" USING btree ("rep_id");--> statement-breakpoint
CREATE INDEX "rep_violations_inst_idx" ON "rep_violations" USING btree ("institution_id","company_id","status");--> statement-breakpoint
CREATE INDEX "rep_visit_hosts_person_idx" ON "rep_visit_hosts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "rep_visits_inst_idx" ON "rep_visits" USING btree ("institution_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "rep_visits_rep_idx" ON "rep_visits" USING btree ("rep_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reps_region_phone_uq" ON "reps" USING btree ("region_id","phone");--> statement-breakpoint
CREATE INDEX "reps_company_idx" ON "reps" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_alerts_identity_uq" ON "screening_alerts" USING btree ("institution_id","rule","key_text","period");--> statement-breakpoint
CREATE INDEX "screening_alerts_list_idx" ON "screening_alerts" USING btree ("institution_id","status","rule");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_committee_votes_uq" ON "screening_committee_votes" USING btree ("institution_id","decision_id","member_staff_no");--> statement-breakpoint
CREATE INDEX "screening_imports_created_idx" ON "screening_imports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "screening_products_generic_idx" ON "screening_products" USING btree ("generic_name");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_relations_uq" ON "screening_relations" USING btree ("person_id","supplier_code","relation");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_rep_visits_uq" ON "screening_rep_visits" USING btree ("institution_id","visit_id");--> statement-breakpoint
CREATE INDEX "screening_runs_created_idx" ON "screening_runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cadre_assessments_uq" ON "cadre_assessments" USING btree ("institution_id","period","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_results_round_dept_uq" ON "inspection_results" USING btree ("round_id","department_id");--> statement-breakpoint
CREATE INDEX "inspection_rounds_inst_idx" ON "inspection_rounds" USING btree ("institution_id","planned_on");--> statement-breakpoint
CREATE UNIQUE INDEX "letter_counters_uq" ON "letter_counters" USING btree ("institution_id","year");--> statement-breakpoint
CREATE INDEX "rectifications_inst_dept_idx" ON "rectifications" USING btree ("institution_id","department_id","status");--> statement-breakpoint
CREATE INDEX "risk_measures_point_idx" ON "risk_measures" USING btree ("risk_point_id");--> statement-breakpoint
CREATE INDEX "risk_points_inst_idx" ON "risk_points" USING btree ("institution_id","department_id");--> statement-breakpoint
CREATE INDEX "talks_inst_idx" ON "talks" USING btree ("institution_id","talked_on");--> statement-breakpoint
CREATE INDEX "talks_subject_idx" ON "talks" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "tender_flags_process_idx" ON "tender_flags" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "tender_flags_region_code_idx" ON "tender_flags" USING btree ("region_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_processes_region_ocid_uq" ON "tender_processes" USING btree ("region_id","ocid");--> statement-breakpoint
CREATE INDEX "tender_processes_inst_idx" ON "tender_processes" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "tender_processes_region_buyer_idx" ON "tender_processes" USING btree ("region_id","buyer_id");--> statement-breakpoint
CREATE INDEX "attachments_inst_idx" ON "attachments" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE seq is null;--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_log_inst_idx" ON "audit_log" USING btree ("institution_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_uq" ON "jobs" USING btree ("dedupe_key") WHERE "jobs"."status" in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "notifications_account_idx" ON "notifications" USING btree ("account_id","created_at");