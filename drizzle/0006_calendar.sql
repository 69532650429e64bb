CREATE TABLE "action_reminder" (
	"action_item_id" uuid NOT NULL,
	"step" text NOT NULL,
	"due_on" date NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_reminder_action_item_id_step_due_on_pk" PRIMARY KEY("action_item_id","step","due_on"),
	CONSTRAINT "action_reminder_step_check" CHECK (step in ('before', 'overdue'))
);
--> statement-breakpoint
CREATE TABLE "calendar_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"start_time" text,
	"ends_on" date,
	"end_time" text,
	"place" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_event_kind_check" CHECK (kind in ('meeting', 'training', 'deadline', 'milestone', 'other')),
	CONSTRAINT "calendar_event_days_check" CHECK ("calendar_event"."ends_on" is null or "calendar_event"."ends_on" >= "calendar_event"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "calendar_feed" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "calendar_feed_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "scheduled_job" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "work_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_plan_cluster_quarter_key" UNIQUE("cluster_id","year","quarter"),
	CONSTRAINT "work_plan_quarter_check" CHECK ("work_plan"."quarter" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "work_plan_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"activity" text NOT NULL,
	"responsible_text" text DEFAULT '' NOT NULL,
	"responsible_organisation_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_plan_activity_status_check" CHECK (status in ('planned', 'ongoing', 'done', 'cancelled')),
	CONSTRAINT "work_plan_activity_days_check" CHECK ("work_plan_activity"."ends_on" >= "work_plan_activity"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "action_reminder" ADD CONSTRAINT "action_reminder_action_item_id_action_item_id_fk" FOREIGN KEY ("action_item_id") REFERENCES "public"."action_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_event" ADD CONSTRAINT "calendar_event_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan" ADD CONSTRAINT "work_plan_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_activity" ADD CONSTRAINT "work_plan_activity_work_plan_id_work_plan_id_fk" FOREIGN KEY ("work_plan_id") REFERENCES "public"."work_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_activity" ADD CONSTRAINT "work_plan_activity_responsible_organisation_id_organisation_id_fk" FOREIGN KEY ("responsible_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_event_cluster_starts_idx" ON "calendar_event" USING btree ("cluster_id","starts_on");--> statement-breakpoint
CREATE INDEX "work_plan_activity_plan_idx" ON "work_plan_activity" USING btree ("work_plan_id","position");--> statement-breakpoint
CREATE INDEX "work_plan_activity_days_idx" ON "work_plan_activity" USING btree ("starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "action_item_status_due_idx" ON "action_item" USING btree ("status","due_on");