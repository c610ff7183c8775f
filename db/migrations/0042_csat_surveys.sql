CREATE TABLE "csat_survey_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"conversation_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	"message_id" bigint NOT NULL,
	"assigned_agent_id" integer,
	"team_id" integer,
	"rating" smallint,
	"feedback_message" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "csat_survey_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "csat_survey_responses" ADD CONSTRAINT "csat_survey_responses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_survey_responses" ADD CONSTRAINT "csat_survey_responses_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_survey_responses" ADD CONSTRAINT "csat_survey_responses_assigned_agent_id_users_id_fk" FOREIGN KEY ("assigned_agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_survey_responses" ADD CONSTRAINT "csat_survey_responses_account_id_conversation_id_conversations_account_id_id_fk" FOREIGN KEY ("account_id","conversation_id") REFERENCES "public"."conversations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_survey_responses" ADD CONSTRAINT "csat_survey_responses_account_id_contact_id_contacts_account_id_id_fk" FOREIGN KEY ("account_id","contact_id") REFERENCES "public"."contacts"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "csat_survey_responses_conversation_key" ON "csat_survey_responses" USING btree ("conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "csat_survey_responses_message_key" ON "csat_survey_responses" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "csat_survey_responses_account_sent_idx" ON "csat_survey_responses" USING btree ("account_id","sent_at");--> statement-breakpoint
CREATE INDEX "csat_survey_responses_contact_idx" ON "csat_survey_responses" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "csat_survey_responses_agent_idx" ON "csat_survey_responses" USING btree ("assigned_agent_id");