CREATE TABLE "action_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"meeting_id" uuid,
	"agenda_item_id" uuid,
	"description" text NOT NULL,
	"responsible_text" text DEFAULT '' NOT NULL,
	"responsible_organisation_id" uuid,
	"responsible_person_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_item_status_check" CHECK (status in ('open', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "agenda_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"section" text,
	"subject" text NOT NULL,
	"context" text DEFAULT '' NOT NULL,
	"status" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"organisation_name" text DEFAULT '' NOT NULL,
	"function" text DEFAULT '' NOT NULL,
	"email" text,
	"status" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "attendance_status_check" CHECK (status in ('invited', 'present', 'excused'))
);
--> statement-breakpoint
CREATE TABLE "meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"held_on" date,
	"start_time" text,
	"end_time" text,
	"place" text,
	"objectives" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_kind_check" CHECK (kind in ('cluster-meeting', 'workshop', 'training', 'other')),
	CONSTRAINT "meeting_state_check" CHECK (state in ('planned', 'held', 'published')),
	CONSTRAINT "meeting_times_check" CHECK ("meeting"."end_time" is null or "meeting"."start_time" is null or "meeting"."end_time" > "meeting"."start_time")
);
--> statement-breakpoint
CREATE TABLE "meeting_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "meeting_note_kind_check" CHECK (kind in ('lesson', 'consensus', 'perspective'))
);
--> statement-breakpoint
ALTER TABLE "action_item" ADD CONSTRAINT "action_item_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item" ADD CONSTRAINT "action_item_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item" ADD CONSTRAINT "action_item_agenda_item_id_agenda_item_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_item"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item" ADD CONSTRAINT "action_item_responsible_organisation_id_organisation_id_fk" FOREIGN KEY ("responsible_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item" ADD CONSTRAINT "action_item_responsible_person_id_person_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item" ADD CONSTRAINT "agenda_item_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_note" ADD CONSTRAINT "meeting_note_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_item_cluster_status_due_idx" ON "action_item" USING btree ("cluster_id","status","due_on");--> statement-breakpoint
CREATE INDEX "action_item_organisation_idx" ON "action_item" USING btree ("responsible_organisation_id");--> statement-breakpoint
CREATE INDEX "action_item_meeting_idx" ON "action_item" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "agenda_item_meeting_idx" ON "agenda_item" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "attendance_meeting_idx" ON "attendance" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "attendance_person_idx" ON "attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "meeting_cluster_held_idx" ON "meeting" USING btree ("cluster_id","held_on");--> statement-breakpoint
CREATE INDEX "meeting_note_meeting_idx" ON "meeting_note" USING btree ("meeting_id","kind","position");