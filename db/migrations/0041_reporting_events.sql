CREATE TABLE "reporting_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"value" double precision NOT NULL,
	"value_in_business_hours" double precision NOT NULL,
	"inbox_id" integer NOT NULL,
	"user_id" integer,
	"conversation_id" integer NOT NULL,
	"message_id" bigint,
	"event_start_time" timestamp with time zone NOT NULL,
	"event_end_time" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reporting_events" ADD CONSTRAINT "reporting_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_events" ADD CONSTRAINT "reporting_events_account_id_conversation_id_conversations_account_id_id_fk" FOREIGN KEY ("account_id","conversation_id") REFERENCES "public"."conversations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_events_account_key" ON "reporting_events" USING btree ("account_id","key");--> statement-breakpoint
CREATE INDEX "reporting_events_range_idx" ON "reporting_events" USING btree ("account_id","name","event_end_time");--> statement-breakpoint
CREATE INDEX "reporting_events_conversation_idx" ON "reporting_events" USING btree ("account_id","conversation_id");