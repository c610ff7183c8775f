CREATE TABLE "graph_subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"mailbox_address" text NOT NULL,
	"subscription_id" text,
	"client_state_enc" text,
	"expires_at" timestamp with time zone,
	"delta_link" text,
	"last_delta_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_account_id_inbox_id_inboxes_account_id_id_fk" FOREIGN KEY ("account_id","inbox_id") REFERENCES "public"."inboxes"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "graph_subscriptions_inbox_key" ON "graph_subscriptions" USING btree ("inbox_id");--> statement-breakpoint
CREATE UNIQUE INDEX "graph_subscriptions_subscription_key" ON "graph_subscriptions" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "graph_subscriptions_account_idx" ON "graph_subscriptions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "graph_subscriptions_expiry_idx" ON "graph_subscriptions" USING btree ("expires_at");