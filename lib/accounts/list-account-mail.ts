import { and, desc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import type { DbOrTx } from "@/db/client";
import { accountMail, type AccountMail } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, requireAdministrator } from "./access";

export type AccountMailItem = { id: number; kind: AccountMail["kind"]; to: string; subject: string; text: string; createdAt: Date };

/**
 * Invitations and password resets captured in the local outbox (the account has no SMTP inbox):
 * administrators read them on Settings → Outbox and pass the link on. Mail sent through SMTP is
 * not kept, so it is not listed.
 */
export async function listAccountMailOutbox(db: DbOrTx, actor: Actor, accountId: number, options: { limit?: number } = {}): Promise<AccountMailItem[]> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const rows = await db
    .select()
    .from(accountMail)
    .where(and(eq(accountMail.accountId, accountId), eq(accountMail.transport, "outbox")))
    .orderBy(desc(accountMail.id))
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      kind: row.kind,
      to: row.recipient,
      subject: row.subject,
      text: row.raw ? ((await simpleParser(row.raw)).text ?? "") : "",
      createdAt: row.createdAt,
    })),
  );
}
