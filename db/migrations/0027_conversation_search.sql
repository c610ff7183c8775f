-- Conversation search (lib/search/). Message text gets a stored tsvector ('simple': mailboxes are
-- multilingual, and prefix matching does the work a stemmer would), computed once on insert, so
-- neither the GIN index nor a check of one conversation's messages re-parses the text. Activity
-- lines are not searched; the first 20,000 characters of a message are (a long thread's quoted
-- tail would otherwise make every import pay for text nobody looks for).
ALTER TABLE "messages" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (CASE WHEN "message_type" = 'activity' THEN NULL ELSE to_tsvector('simple'::regconfig, left(coalesce("content", ''), 20000)) END) STORED;--> statement-breakpoint
CREATE INDEX "messages_search_vector_idx" ON "messages" USING gin ("search_vector");--> statement-breakpoint
-- The email subject lives in additional_attributes (Chatwoot's mail_subject); an expression index
-- keeps the conversations table as it is. Queries must spell the expression exactly like this.
CREATE INDEX "conversations_subject_search_idx" ON "conversations" USING gin (to_tsvector('simple'::regconfig, coalesce("additional_attributes"->>'mail_subject', '')));
