import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailDeliveries, rawEmails } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { downloadHeaders, safeFilename } from "./download-headers";
import { findVisibleMessage } from "./message-access";

export type RawEmailFile = { filename: string; raw: Buffer };

/**
 * The email exactly as it arrived (raw_emails, stored before parsing) or as it was sent
 * (email_deliveries.raw), for "Download original". Only for messages the actor may see.
 */
export async function getRawEmail(db: DbOrTx, actor: Actor, accountId: number, messageId: number): Promise<RawEmailFile> {
  const { message } = await findVisibleMessage(db, actor, accountId, messageId);
  let raw: Buffer | null = null;
  if (message.messageType === "incoming") {
    const [row] = await db
      .select({ raw: rawEmails.raw })
      .from(rawEmails)
      .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.messageId, message.id)))
      .orderBy(desc(rawEmails.id))
      .limit(1);
    raw = row?.raw ?? null;
  } else {
    const [row] = await db
      .select({ raw: emailDeliveries.raw })
      .from(emailDeliveries)
      .where(and(eq(emailDeliveries.accountId, accountId), eq(emailDeliveries.messageId, message.id)))
      .limit(1);
    raw = row?.raw ?? null;
  }
  if (!raw) throw notFound("Original email");
  const email = message.contentAttributes.email as { subject?: unknown } | undefined;
  const subject = typeof email?.subject === "string" ? email.subject : "";
  return { filename: `${safeFilename(subject, "email")}-${message.id}.eml`, raw };
}

/** The .eml as a download: never shown inline, whatever it contains. */
export function rawEmailResponse(file: RawEmailFile): Response {
  const headers = downloadHeaders({ filename: file.filename, contentType: "message/rfc822", byteSize: file.raw.length, inline: false });
  return new Response(new Uint8Array(file.raw), { status: 200, headers });
}
