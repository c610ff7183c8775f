ALTER TABLE "account_invitations" ADD COLUMN "custom_role_id" integer;--> statement-breakpoint
ALTER TABLE "automation_events" ADD COLUMN "not_matched" jsonb;--> statement-breakpoint
ALTER TABLE "account_invitations" ADD CONSTRAINT "account_invitations_custom_role_id_custom_roles_id_fk" FOREIGN KEY ("custom_role_id") REFERENCES "public"."custom_roles"("id") ON DELETE set null ON UPDATE no action;