CREATE TABLE "activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_objective_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"position" integer NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_objective" (
	"activity_id" uuid NOT NULL,
	"cluster_objective_id" uuid NOT NULL,
	CONSTRAINT "activity_objective_activity_id_cluster_objective_id_pk" PRIMARY KEY("activity_id","cluster_objective_id")
);
--> statement-breakpoint
CREATE TABLE "cluster_objective" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_cluster_id" uuid NOT NULL,
	"strategic_objective_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"position" integer NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cluster_objective_link" (
	"cluster_objective_id" uuid NOT NULL,
	"strategic_objective_id" uuid NOT NULL,
	CONSTRAINT "cluster_objective_link_cluster_objective_id_strategic_objective_id_pk" PRIMARY KEY("cluster_objective_id","strategic_objective_id")
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"position" integer NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text,
	"unit" text NOT NULL,
	"period_rule" text NOT NULL,
	"place_rule" text NOT NULL,
	"disaggregation" text NOT NULL,
	"baseline" numeric(16, 2),
	"target" numeric(16, 2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_unit_check" CHECK (unit in ('people', 'number', 'percent', 'usd', 'yes-no')),
	CONSTRAINT "indicator_period_rule_check" CHECK (period_rule in ('sum', 'average', 'max', 'latest')),
	CONSTRAINT "indicator_place_rule_check" CHECK (place_rule in ('sum', 'average', 'max')),
	CONSTRAINT "indicator_disaggregation_check" CHECK (disaggregation in ('none', 'sex', 'sex-age'))
);
--> statement-breakpoint
CREATE TABLE "indicator_target" (
	"indicator_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"value" numeric(16, 2) NOT NULL,
	CONSTRAINT "indicator_target_indicator_id_location_id_pk" PRIMARY KEY("indicator_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "need_figure" (
	"revision_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"population_group_id" uuid NOT NULL,
	"in_need" jsonb NOT NULL,
	"targeted" jsonb NOT NULL,
	CONSTRAINT "need_figure_revision_id_location_id_population_group_id_pk" PRIMARY KEY("revision_id","location_id","population_group_id")
);
--> statement-breakpoint
CREATE TABLE "need_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_cluster_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"source" text NOT NULL,
	"source_date" date NOT NULL,
	"note" text,
	"illustrative" boolean DEFAULT false NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"sex_age_groups" jsonb NOT NULL,
	"people_in_need" bigint,
	"people_targeted" bigint,
	"requirements_usd" numeric(16, 2),
	"figures_source" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"published_revision" integer,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_kind_check" CHECK (kind in ('hrp', 'flash-appeal', 'other')),
	CONSTRAINT "plan_status_check" CHECK (status in ('draft', 'published', 'closed')),
	CONSTRAINT "plan_period_check" CHECK ("plan"."ends_on" >= "plan"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "plan_change" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"cluster_id" uuid,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"label" text NOT NULL,
	"field" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_chapter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_cluster_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text,
	"body_fr" text DEFAULT '' NOT NULL,
	"body_en" text,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_chapter_kind_check" CHECK (kind in ('needs-overview', 'response-strategy', 'scenarios', 'section'))
);
--> statement-breakpoint
CREATE TABLE "plan_cluster" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"requirements_usd" numeric(16, 2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "population_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategic_objective" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"position" integer NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_cluster_objective_id_cluster_objective_id_fk" FOREIGN KEY ("cluster_objective_id") REFERENCES "public"."cluster_objective"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_objective" ADD CONSTRAINT "activity_objective_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_objective" ADD CONSTRAINT "activity_objective_cluster_objective_id_cluster_objective_id_fk" FOREIGN KEY ("cluster_objective_id") REFERENCES "public"."cluster_objective"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_objective" ADD CONSTRAINT "cluster_objective_plan_cluster_id_plan_cluster_id_fk" FOREIGN KEY ("plan_cluster_id") REFERENCES "public"."plan_cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_objective" ADD CONSTRAINT "cluster_objective_strategic_objective_id_strategic_objective_id_fk" FOREIGN KEY ("strategic_objective_id") REFERENCES "public"."strategic_objective"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_objective_link" ADD CONSTRAINT "cluster_objective_link_cluster_objective_id_cluster_objective_id_fk" FOREIGN KEY ("cluster_objective_id") REFERENCES "public"."cluster_objective"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_objective_link" ADD CONSTRAINT "cluster_objective_link_strategic_objective_id_strategic_objective_id_fk" FOREIGN KEY ("strategic_objective_id") REFERENCES "public"."strategic_objective"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_figure" ADD CONSTRAINT "need_figure_revision_id_need_revision_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."need_revision"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_figure" ADD CONSTRAINT "need_figure_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_figure" ADD CONSTRAINT "need_figure_population_group_id_population_group_id_fk" FOREIGN KEY ("population_group_id") REFERENCES "public"."population_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_revision" ADD CONSTRAINT "need_revision_plan_cluster_id_plan_cluster_id_fk" FOREIGN KEY ("plan_cluster_id") REFERENCES "public"."plan_cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_revision" ADD CONSTRAINT "need_revision_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_country_id_location_id_fk" FOREIGN KEY ("country_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change" ADD CONSTRAINT "plan_change_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change" ADD CONSTRAINT "plan_change_actor_user_id_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_chapter" ADD CONSTRAINT "plan_chapter_plan_cluster_id_plan_cluster_id_fk" FOREIGN KEY ("plan_cluster_id") REFERENCES "public"."plan_cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_cluster" ADD CONSTRAINT "plan_cluster_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_cluster" ADD CONSTRAINT "plan_cluster_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_group" ADD CONSTRAINT "population_group_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_objective" ADD CONSTRAINT "strategic_objective_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_number_idx" ON "activity" USING btree ("cluster_objective_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "cluster_objective_number_idx" ON "cluster_objective" USING btree ("plan_cluster_id","strategic_objective_id","number");--> statement-breakpoint
CREATE INDEX "cluster_objective_strategic_idx" ON "cluster_objective" USING btree ("strategic_objective_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_number_idx" ON "indicator" USING btree ("activity_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "need_revision_number_idx" ON "need_revision" USING btree ("plan_cluster_id","number");--> statement-breakpoint
CREATE INDEX "plan_year_idx" ON "plan" USING btree ("year");--> statement-breakpoint
CREATE INDEX "plan_change_plan_revision_idx" ON "plan_change" USING btree ("plan_id","revision");--> statement-breakpoint
CREATE INDEX "plan_chapter_plan_cluster_idx" ON "plan_chapter" USING btree ("plan_cluster_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_cluster_unique_idx" ON "plan_cluster" USING btree ("plan_id","cluster_id");--> statement-breakpoint
CREATE UNIQUE INDEX "population_group_code_idx" ON "population_group" USING btree ("cluster_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "strategic_objective_number_idx" ON "strategic_objective" USING btree ("plan_id","number");