CREATE TABLE "plan_question" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_cluster_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text,
	"kind" text NOT NULL,
	"choices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_question_kind_check" CHECK (kind in ('text', 'number', 'choice'))
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text,
	"objectives" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"gender_age_marker" text,
	"budget_lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget_usd" numeric(16, 2) DEFAULT '0' NOT NULL,
	"beneficiaries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"people_targeted" bigint DEFAULT 0 NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"reopened" boolean DEFAULT false NOT NULL,
	"withdrawal_requested_at" timestamp with time zone,
	"withdrawal_reason" text,
	"carried_from_id" uuid,
	"created_by_user_id" uuid,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_code_unique" UNIQUE("code"),
	CONSTRAINT "project_status_check" CHECK (status in ('draft', 'submitted', 'under-review', 'revision-requested', 'approved', 'not-approved', 'published', 'withdrawn')),
	CONSTRAINT "project_gender_age_marker_check" CHECK (gender_age_marker in ('4T', '4M', '3T', '3M', '2T', '2M', '1T', '1M', '0', 'NA')),
	CONSTRAINT "project_period_check" CHECK ("project"."ends_on" is null or "project"."starts_on" is null or "project"."ends_on" >= "project"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "project_activity" (
	"project_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	CONSTRAINT "project_activity_project_id_activity_id_pk" PRIMARY KEY("project_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "project_attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" text NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_cluster" (
	"project_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"share_percent" numeric(5, 2) NOT NULL,
	CONSTRAINT "project_cluster_project_id_cluster_id_pk" PRIMARY KEY("project_id","cluster_id")
);
--> statement-breakpoint
CREATE TABLE "project_contact" (
	"project_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "project_contact_project_id_person_id_pk" PRIMARY KEY("project_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "project_counter" (
	"plan_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "project_counter_plan_id_cluster_id_pk" PRIMARY KEY("plan_id","cluster_id")
);
--> statement-breakpoint
CREATE TABLE "project_location" (
	"project_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"people_targeted" integer NOT NULL,
	CONSTRAINT "project_location_project_id_location_id_pk" PRIMARY KEY("project_id","location_id"),
	CONSTRAINT "project_location_people_check" CHECK ("project_location"."people_targeted" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_objective" (
	"project_id" uuid NOT NULL,
	"cluster_objective_id" uuid NOT NULL,
	CONSTRAINT "project_objective_project_id_cluster_objective_id_pk" PRIMARY KEY("project_id","cluster_objective_id")
);
--> statement-breakpoint
CREATE TABLE "project_partner" (
	"project_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "project_partner_project_id_organisation_id_pk" PRIMARY KEY("project_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "project_review" (
	"project_id" uuid NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"assigned_by_user_id" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"recommendation" text,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_review_project_id_reviewer_user_id_pk" PRIMARY KEY("project_id","reviewer_user_id"),
	CONSTRAINT "project_review_recommendation_check" CHECK (recommendation in ('approve', 'revise', 'reject'))
);
--> statement-breakpoint
CREATE TABLE "project_section_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"section" text NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_target" (
	"project_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"value" numeric(16, 2) NOT NULL,
	CONSTRAINT "project_target_project_id_indicator_id_location_id_pk" PRIMARY KEY("project_id","indicator_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "project_transition" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"sheet" jsonb NOT NULL,
	"submitted_by_user_id" uuid,
	"submitted_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_criterion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text,
	"max_score" integer DEFAULT 5 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_criterion_max_check" CHECK ("review_criterion"."max_score" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "submission_window" (
	"plan_cluster_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"deadline" date,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_window_status_check" CHECK (status in ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "plan_question" ADD CONSTRAINT "plan_question_plan_cluster_id_plan_cluster_id_fk" FOREIGN KEY ("plan_cluster_id") REFERENCES "public"."plan_cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_carried_from_id_project_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."project"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_activity" ADD CONSTRAINT "project_activity_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_activity" ADD CONSTRAINT "project_activity_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachment" ADD CONSTRAINT "project_attachment_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachment" ADD CONSTRAINT "project_attachment_uploaded_by_user_id_user_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_cluster" ADD CONSTRAINT "project_cluster_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_cluster" ADD CONSTRAINT "project_cluster_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_contact" ADD CONSTRAINT "project_contact_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_contact" ADD CONSTRAINT "project_contact_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_counter" ADD CONSTRAINT "project_counter_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_counter" ADD CONSTRAINT "project_counter_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_location" ADD CONSTRAINT "project_location_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_location" ADD CONSTRAINT "project_location_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_objective" ADD CONSTRAINT "project_objective_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_objective" ADD CONSTRAINT "project_objective_cluster_objective_id_cluster_objective_id_fk" FOREIGN KEY ("cluster_objective_id") REFERENCES "public"."cluster_objective"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partner" ADD CONSTRAINT "project_partner_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partner" ADD CONSTRAINT "project_partner_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_review" ADD CONSTRAINT "project_review_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_review" ADD CONSTRAINT "project_review_reviewer_user_id_user_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_review" ADD CONSTRAINT "project_review_assigned_by_user_id_user_id_fk" FOREIGN KEY ("assigned_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_section_comment" ADD CONSTRAINT "project_section_comment_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_section_comment" ADD CONSTRAINT "project_section_comment_author_user_id_user_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_target" ADD CONSTRAINT "project_target_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_target" ADD CONSTRAINT "project_target_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_target" ADD CONSTRAINT "project_target_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_transition" ADD CONSTRAINT "project_transition_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_transition" ADD CONSTRAINT "project_transition_actor_user_id_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_version" ADD CONSTRAINT "project_version_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_version" ADD CONSTRAINT "project_version_submitted_by_user_id_user_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_criterion" ADD CONSTRAINT "review_criterion_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_window" ADD CONSTRAINT "submission_window_plan_cluster_id_plan_cluster_id_fk" FOREIGN KEY ("plan_cluster_id") REFERENCES "public"."plan_cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_question_plan_cluster_idx" ON "plan_question" USING btree ("plan_cluster_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "project_number_idx" ON "project" USING btree ("plan_id","cluster_id","number");--> statement-breakpoint
CREATE INDEX "project_plan_status_idx" ON "project" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "project_organisation_idx" ON "project" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "project_title_trgm_idx" ON "project" USING gin (concerto_fold("title_fr") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "project_activity_activity_idx" ON "project_activity" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "project_attachment_project_idx" ON "project_attachment" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_cluster_cluster_idx" ON "project_cluster" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "project_location_location_idx" ON "project_location" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "project_objective_objective_idx" ON "project_objective" USING btree ("cluster_objective_id");--> statement-breakpoint
CREATE INDEX "project_partner_organisation_idx" ON "project_partner" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "project_review_reviewer_idx" ON "project_review" USING btree ("reviewer_user_id");--> statement-breakpoint
CREATE INDEX "project_section_comment_project_idx" ON "project_section_comment" USING btree ("project_id","version_number");--> statement-breakpoint
CREATE INDEX "project_target_indicator_idx" ON "project_target" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "project_transition_project_idx" ON "project_transition" USING btree ("project_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_version_number_idx" ON "project_version" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "review_criterion_cluster_idx" ON "review_criterion" USING btree ("cluster_id","position");