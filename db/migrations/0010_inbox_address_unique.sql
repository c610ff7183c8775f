DROP INDEX "channel_email_email_idx";--> statement-breakpoint
-- Hand-written: before this migration the same address could be an inbox in two accounts (and, via
-- direct inserts, twice in one), which made its mail unroutable. The oldest inbox (lowest id, the
-- one that received the address's mail first) keeps the address; each later one is renamed to
-- <local>+duplicate-<channel id>@<domain> and flagged with an error on its health panel so an
-- administrator sees what happened and sets an address of its own. Nothing is deleted.
UPDATE "channel_email" AS c
SET "email" = CASE WHEN c."email" LIKE '%@%'
                   THEN regexp_replace(c."email", '@([^@]*)$', '+duplicate-' || c."id" || '@\1')
                   ELSE c."email" || '+duplicate-' || c."id" END,
    "health" = 'error',
    "last_error" = 'Another inbox on this Postdesk already had the address ' || c."email" || ': this inbox was renamed. Set the address of the mailbox it reads.',
    "last_error_at" = now(),
    "updated_at" = now()
WHERE EXISTS (
  SELECT 1 FROM "channel_email" AS older
  WHERE lower(older."email") = lower(c."email") AND older."id" < c."id"
);--> statement-breakpoint
CREATE UNIQUE INDEX "channel_email_email_key" ON "channel_email" USING btree (lower("email"));
