-- Contact search (ILIKE %q%) by trigram indexes. pg_trgm is a trusted extension: the database owner
-- can create it without superuser rights (PostgreSQL 13+, including managed services).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_trgm_idx" ON "contacts" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_phone_number_trgm_idx" ON "contacts" USING gin ("phone_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_identifier_trgm_idx" ON "contacts" USING gin ("identifier" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_account_activity_idx" ON "contacts" USING btree ("account_id","last_activity_at" DESC NULLS LAST,"id" DESC NULLS LAST);