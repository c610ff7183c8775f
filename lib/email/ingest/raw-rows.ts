import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rawEmails } from "@/db/schema";

/**
 * The raw rows of a whole import batch, claimed and finished in one statement each instead of two
 * per message. The claim locks every row of the batch (FOR UPDATE, so a retry racing a poll waits
 * and then sees them finished); only the rows still pending are imported. The finishes are
 * collected while the batch imports and written together just before the commit, in the same
 * transaction as the messages, so a message row and its raw row's status commit together or not
 * at all, exactly as with one message.
 */
export type RawRowFinish = { rawEmailId: number; status: "imported" | "ignored"; messageId: number | null; note: string | null };
export type RawRowBatch = { finishes: RawRowFinish[] };

/** Locks the rows and returns the ids of those still pending. */
export async function claimPendingRawEmails(tx: Tx, accountId: number, rawEmailIds: number[]): Promise<Set<number>> {
  if (rawEmailIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: rawEmails.id, status: rawEmails.status })
    .from(rawEmails)
    .where(and(eq(rawEmails.accountId, accountId), inArray(rawEmails.id, rawEmailIds)))
    .orderBy(rawEmails.id)
    .for("update");
  return new Set(rows.filter((row) => row.status === "pending").map((row) => row.id));
}

export async function finishRawEmails(tx: Tx, accountId: number, finishes: RawRowFinish[]): Promise<void> {
  if (finishes.length === 0) return;
  const processedAt = new Date().toISOString();
  const values = sql.join(
    finishes.map((f) => sql`(${f.rawEmailId}::bigint, ${f.status}::raw_email_status, ${f.messageId}::bigint, ${f.note}::text)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${rawEmails} set status = v.status, message_id = v.message_id, error = v.note, processed_at = ${processedAt}::timestamptz
    from (values ${values}) as v(id, status, message_id, note)
    where ${rawEmails.accountId} = ${accountId} and ${rawEmails.id} = v.id and ${rawEmails.status} = 'pending'`);
}
