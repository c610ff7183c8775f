/**
 * The parsed form every inbound path produces (IMAP, relay, provider webhooks, Graph), so the
 * pipeline after parsing is one. Message-IDs are kept without angle brackets, as stored in
 * messages.source_id; addresses are lower-cased.
 */
export type EmailAddress = { name: string; address: string };

export type ParsedAttachment = {
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
  content: Buffer;
};

export type ParsedEmail = {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  subject: string;
  date: Date | null;
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  /** Delivered-To and X-Original-To values (lower-cased addresses). */
  envelopeRecipients: string[];
  /** Every header, lower-cased name → raw values in order. */
  headers: Record<string, string[]>;
  text: string | null;
  /** Sanitized on the server (lib/email/content); never the raw HTML. */
  html: string | null;
  attachments: ParsedAttachment[];
};

export type EmailKind = "normal" | "auto_reply" | "list" | "bounce";

export type EmailClassification = {
  kind: EmailKind;
  /** For bounces: the Message-ID of our message that bounced, and the reason in words. */
  bounce?: { originalMessageId: string | null; reason: string };
};
