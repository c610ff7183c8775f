import { bigint, integer, pgTable } from "drizzle-orm/pg-core";

/**
 * A version per account that database triggers bump on every change to the lists a signed-in page
 * shows beside its screen: labels, teams and their members, custom attribute definitions, saved
 * views, inboxes (their names) and inbox members (hand-written SQL in the migration that made this
 * table). The page's first read (the member's profile) returns it, so a server process that keeps
 * those lists between requests (app/_server/account-lists.ts) knows at once, whichever process
 * committed the change, that its copy is stale.
 */
export const accountListVersions = pgTable("account_list_versions", {
  // No foreign key: triggers write it while the account's rows are being deleted.
  accountId: integer().primaryKey(),
  version: bigint({ mode: "number" }).notNull().default(0),
});
