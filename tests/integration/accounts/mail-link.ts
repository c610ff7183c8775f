import { and, desc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import type { Db } from "@/db/client";
import { accountMail } from "@/db/schema";

/**
 * Waits for the send job to capture mail for `to` in the local outbox (account_mail) and returns the
 * token of the link it carries, read from the decoded text as a person would click it.
 */
export async function linkTokenFor(db: Db, to: string, options: { path: string; after?: number; timeoutMs?: number }): Promise<{ token: string; mailId: number; text: string }> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const [row] = await db
      .select()
      .from(accountMail)
      .where(and(eq(accountMail.recipient, to), eq(accountMail.transport, "outbox")))
      .orderBy(desc(accountMail.id))
      .limit(1);
    if (row?.raw && row.id > (options.after ?? 0)) {
      const text = (await simpleParser(row.raw)).text ?? "";
      const match = new RegExp(`${options.path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
      if (!match) throw new Error(`no ${options.path} link in: ${text}`);
      return { token: match[1], mailId: row.id, text };
    }
    if (Date.now() > deadline) throw new Error(`no mail for ${to} in the outbox`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
