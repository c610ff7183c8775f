import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rawEmails } from "@/db/schema";
import { contentHash, type DedupeKey } from "./dedupe-key";

export type StoredRaw = { id: number; status: "pending" | "imported" | "quarantined" | "ignored"; messageId: number | null };

/**
 * Rows stored before the content hash joined the dedupe key have the bare Message-ID as their
 * key. A message arriving now under the same Message-ID is a duplicate of such a row only when
 * its content is the same (the row's bytes are hashed here, so only on a Message-ID match):
 * returns that row per new key. One indexed lookup for a whole batch, no migration of old rows.
 */
export async function findLegacyDuplicates(db: DbOrTx, scope: { accountId: number; inboxId: number }, keys: DedupeKey[]): Promise<Map<string, StoredRaw>> {
  const legacy = [...new Set(keys.flatMap((k) => (k.legacyKey ? [k.legacyKey] : [])))];
  const found = new Map<string, StoredRaw>();
  if (legacy.length === 0) return found;
  const rows = await db
    .select({ id: rawEmails.id, status: rawEmails.status, messageId: rawEmails.messageId, dedupeKey: rawEmails.dedupeKey, raw: rawEmails.raw })
    .from(rawEmails)
    .where(and(eq(rawEmails.accountId, scope.accountId), eq(rawEmails.inboxId, scope.inboxId), inArray(rawEmails.dedupeKey, legacy)));
  if (rows.length === 0) return found;
  const byLegacyKey = new Map(rows.map((row) => [row.dedupeKey, { id: row.id, status: row.status, messageId: row.messageId, key: `${row.dedupeKey} content:${contentHash(row.raw)}` }]));
  for (const key of keys) {
    const row = key.legacyKey ? byLegacyKey.get(key.legacyKey) : undefined;
    if (row && row.key === key.key) found.set(key.key, { id: row.id, status: row.status, messageId: row.messageId });
  }
  return found;
}
