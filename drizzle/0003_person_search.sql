ALTER TABLE "person" ADD COLUMN "search_text" text GENERATED ALWAYS AS (concerto_fold(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(job_title, ''))) STORED;--> statement-breakpoint
CREATE INDEX "organisation_name_sort_idx" ON "organisation" USING btree (concerto_fold("name"),"name");--> statement-breakpoint
CREATE INDEX "person_search_trgm_idx" ON "person" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_name_sort_idx" ON "person" USING btree (concerto_fold("name"),"name");