import MailComposer from "nodemailer/lib/mail-composer";
import type { ComposedHeaders } from "@/lib/email/compose/reply-headers";

export type MimeAttachment = { filename: string; contentType: string; content: Buffer };

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The HTML part of an agent's plain reply: paragraphs and line breaks, everything escaped. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`);
  return `<!doctype html><html><body>${paragraphs.join("\n")}</body></html>`;
}

/** The exact bytes of the outbound message; built once and stored, so a retry sends the same mail. */
export async function buildMime(params: {
  headers: ComposedHeaders;
  text: string;
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
    text: params.text,
    html: textToHtml(params.text),
    attachments: params.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  });
  const built = await composer.compile().build();
  // SMTP puts every line end on the wire as CRLF; store the same bytes that the server receives.
  return Buffer.from(built.toString("latin1").replace(/\r?\n/g, "\r\n"), "latin1");
}
