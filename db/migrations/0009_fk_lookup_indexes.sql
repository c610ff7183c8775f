CREATE INDEX "conversations_contact_inbox_idx" ON "conversations" USING btree ("account_id","contact_inbox_id");--> statement-breakpoint
CREATE INDEX "raw_emails_message_idx" ON "raw_emails" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "notifications_conversation_idx" ON "notifications" USING btree ("account_id","conversation_id");