CREATE TABLE "auto_reply_sends" (
	"account_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	"kind" text NOT NULL,
	"last_sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auto_reply_sends_inbox_id_contact_id_kind_pk" PRIMARY KEY("inbox_id","contact_id","kind")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "working_hours_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "out_of_office_message" text;--> statement-breakpoint
ALTER TABLE "auto_reply_sends" ADD CONSTRAINT "auto_reply_sends_account_id_inbox_id_inboxes_account_id_id_fk" FOREIGN KEY ("account_id","inbox_id") REFERENCES "public"."inboxes"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_reply_sends" ADD CONSTRAINT "auto_reply_sends_account_id_contact_id_contacts_account_id_id_fk" FOREIGN KEY ("account_id","contact_id") REFERENCES "public"."contacts"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auto_reply_sends_account_idx" ON "auto_reply_sends" USING btree ("account_id");