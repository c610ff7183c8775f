import MailComposer from "nodemailer/lib/mail-composer";
import { z } from "zod";

/**
 * Postmark's inbound JSON. With "Include raw email content in JSON payload" on, RawEmail is the
 * message as received and is used as is. Without it, the MIME message is rebuilt from the JSON
 * fields — headers (Message-ID, In-Reply-To, References…), text, HTML and attachments — which
 * keeps threading and content but not the exact bytes; the setup docs recommend turning it on.
 */
const address = z.object({ Email: z.string(), Name: z.string().optional().default("") });
export const postmarkInbound = z.object({
  MessageID: z.string().optional(),
  From: z.string().optional(),
  FromFull: address.optional(),
  ToFull: z.array(address).optional().default([]),
  CcFull: z.array(address).optional().default([]),
  OriginalRecipient: z.string().optional(),
  Subject: z.string().optional().default(""),
  Date: z.string().optional(),
  TextBody: z.string().optional().default(""),
  HtmlBody: z.string().optional().default(""),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).optional().default([]),
  Attachments: z
    .array(z.object({ Name: z.string(), Content: z.string(), ContentType: z.string(), ContentID: z.string().optional() }))
    .optional()
    .default([]),
  RawEmail: z.string().optional(),
});
export type PostmarkInbound = z.infer<typeof postmarkInbound>;

// Set by the composer from the fields above; copying them from Headers would duplicate them.
const COMPOSED = new Set(["from", "to", "cc", "subject", "date", "message-id", "mime-version", "content-type", "content-transfer-encoding"]);

const fmt = (a: { Email: string; Name: string }) => ({ name: a.Name, address: a.Email });

export async function postmarkToMime(p: PostmarkInbound): Promise<Buffer> {
  if (p.RawEmail) return Buffer.from(p.RawEmail, "utf8");
  const header = (name: string) => p.Headers.find((h) => h.Name.toLowerCase() === name)?.Value;
  const date = p.Date ? new Date(p.Date) : null;
  const composer = new MailComposer({
    from: p.FromFull ? fmt(p.FromFull) : p.From,
    to: p.ToFull.map(fmt),
    cc: p.CcFull.map(fmt),
    subject: p.Subject,
    date: date && !Number.isNaN(date.getTime()) ? date : undefined,
    messageId: header("message-id"),
    text: p.TextBody || undefined,
    html: p.HtmlBody || undefined,
    headers: p.Headers.filter((h) => !COMPOSED.has(h.Name.toLowerCase())).map((h) => ({ key: h.Name, value: h.Value })),
    attachments: p.Attachments.map((a) => ({
      filename: a.Name,
      content: Buffer.from(a.Content, "base64"),
      contentType: a.ContentType,
      ...(a.ContentID ? { cid: a.ContentID.replace(/^cid:/, "") } : {}),
    })),
  });
  const message = composer.compile();
  // Without a Message-ID of its own the dedupe key falls back to a hash of the bytes, so the
  // rebuilt message must not carry a random one that differs on each retry.
  if (!header("message-id")) message.setHeader("Message-ID", `<postmark-${p.MessageID ?? "unknown"}@inbound.postmarkapp.com>`);
  return message.build();
}
