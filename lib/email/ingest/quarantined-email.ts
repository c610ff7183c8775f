import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rawEmails } from "@/db/schema";
import { requireAccountAccess, requireAdministrator } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import type { RawEmailFile } from "@/lib/messages/get-raw-email";

/**
 * What an administrator of the account can do with a quarantined message besides Reprocess
 * (reprocess-raw-email.ts): download the original bytes, or delete it. Agents cannot (403); a
 * message of another account, or one no longer quarantined, is "not found" (404).
 */
export async function getQuarantinedEmailFile(db: DbOrTx, actor: Actor, accountId: number, rawEmailId: number): Promise<RawEmailFile> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  const [row] = await db
    .select({ id: rawEmails.id, raw: rawEmails.raw })
    .from(rawEmails)
    .where(quarantinedRow(accountId, rawEmailId))
    .limit(1);
  if (!row) throw notFound("Quarantined message");
  return { filename: `quarantined-${row.id}.eml`, raw: row.raw };
}

export async function deleteQuarantinedEmail(db: DbOrTx, actor: Actor, accountId: number, rawEmailId: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  const deleted = await db.delete(rawEmails).where(quarantinedRow(accountId, rawEmailId)).returning({ id: rawEmails.id });
  if (deleted.length === 0) throw notFound("Quarantined message");
}

function quarantinedRow(accountId: number, rawEmailId: number) {
  const id = Number.isSafeInteger(rawEmailId) && rawEmailId > 0 ? rawEmailId : 0;
  return and(eq(rawEmails.accountId, accountId), eq(rawEmails.id, id), eq(rawEmails.status, "quarantined"));
}
