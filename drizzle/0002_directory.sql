CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "import_upload" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"focal_point_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_stage_check" CHECK (stage in ('prospect', 'contacted', 'interested', 'member', 'inactive'))
);
--> statement-breakpoint
CREATE TABLE "membership_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"membership_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "organisation_location" (
	"organisation_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	CONSTRAINT "organisation_location_organisation_id_location_id_pk" PRIMARY KEY("organisation_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "organisation_logo" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"data" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "location" ADD COLUMN "geometry" jsonb;--> statement-breakpoint
ALTER TABLE "location" ADD COLUMN "display_geometry" jsonb;--> statement-breakpoint
ALTER TABLE "location" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_upload" ADD CONSTRAINT "import_upload_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_focal_point_id_person_id_fk" FOREIGN KEY ("focal_point_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_step" ADD CONSTRAINT "membership_step_membership_id_membership_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."membership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_step" ADD CONSTRAINT "membership_step_by_user_id_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_location" ADD CONSTRAINT "organisation_location_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_location" ADD CONSTRAINT "organisation_location_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_logo" ADD CONSTRAINT "organisation_logo_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "membership_organisation_cluster_idx" ON "membership" USING btree ("organisation_id","cluster_id");--> statement-breakpoint
CREATE INDEX "membership_cluster_stage_idx" ON "membership" USING btree ("cluster_id","stage");--> statement-breakpoint
CREATE INDEX "membership_step_membership_idx" ON "membership_step" USING btree ("membership_id","at");--> statement-breakpoint
CREATE INDEX "organisation_location_location_idx" ON "organisation_location" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "location_name_trgm_idx" ON "location" USING gin (concerto_fold("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organisation_name_trgm_idx" ON "organisation" USING gin (concerto_fold("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organisation_acronym_trgm_idx" ON "organisation" USING gin (concerto_fold("acronym") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_name_trgm_idx" ON "person" USING gin (concerto_fold("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_email_trgm_idx" ON "person" USING gin (concerto_fold("email") gin_trgm_ops);