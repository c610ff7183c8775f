ALTER TABLE "macro_files" ADD COLUMN "rule_id" integer;--> statement-breakpoint
ALTER TABLE "macro_files" ADD CONSTRAINT "macro_files_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "macro_files_account_rule_idx" ON "macro_files" USING btree ("account_id","rule_id");