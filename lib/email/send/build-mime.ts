import MailComposer from "nodemailer/lib/mail-composer";
import type { ComposedHeaders } from "@/lib/email/compose/reply-headers";
import type { MailBody } from "@/lib/email/compose/signature";

export type MimeAttachment = { filename: string; contentType: string; content: Buffer };

/** The exact bytes of the outbound message; built once and stored, so a retry sends the same mail. */
export async function buildMime(params: {
  headers: ComposedHeaders;
  /** The two parts (lib/email/compose/signature.ts: mailBody). */
  body: MailBody;
  attachments: MimeAttachment[];
  date: Date;
}): Promise<Buffer> {
  const h = params.headers;
  const composer = new MailComposer({
    from: { name: h.from.name, address: h.from.address },
    to: h.to,
    cc: h.cc.length > 0 ? h.cc : undefined,
    replyTo: h.replyTo,
    subject: h.subject,
    messageId: `<${h.messageId}>`,
    inReplyTo: h.inReplyTo ? `<${h.inReplyTo}>` : undefined,
    references: h.references.length > 0 ? h.references.map((id) => `<${id}>`) : undefined,
    date: params.date,
    headers: h.headers,
    text: params.body.text,
    html: params.body.html,
    attachments: params.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  });
  const built = await composer.compile().build();
  // SMTP puts every line end on the wire as CRLF; store the same bytes that the server receives.
  return Buffer.from(built.toString("latin1").replace(/\r?\n/g, "\r\n"), "latin1");
}
