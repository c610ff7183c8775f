CREATE TABLE "ingress_tokens" (
	"source" text NOT NULL,
	"token" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingress_tokens_source_token_pk" PRIMARY KEY("source","token")
);
--> statement-breakpoint
CREATE INDEX "ingress_tokens_seen_at_idx" ON "ingress_tokens" USING btree ("seen_at");