import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { emailDeliveries, messages, type EmailDelivery } from "@/db/schema";
import { createLogger } from "@/lib/logger";
import { cappedText, errorText } from "@/lib/storable-text";
import { emitMessageUpdatedById } from "@/lib/realtime/emit";
import { sendViaSmtpWithOAuth } from "@/lib/mailbox/oauth/smtp-login";
import { sendViaGraph, usesGraphTransport } from "@/lib/mailbox/graph/send-graph";
import { emailApiTransportOf, sendViaEmailApi } from "@/lib/mailbox/email-api/send-email-api";
import { SmtpSendError, sendViaSmtp, type SmtpResult } from "@/lib/mailbox/smtp/send-smtp";
import { buildMime } from "./build-mime";
import { loadOutboundEmail, UnsendableError } from "./load-outbound";
import { emitIntegrationMessageUpdated } from "@/lib/integrations/emit";

const log = createLogger("mail-send");

/** Attempts before a temporary failure (4xx, connection) becomes a permanent one. */
export const SEND_MAX_ATTEMPTS = 5;
/** A run that claimed a delivery and died is assumed gone after this long; another may claim it. */
const CLAIM_LEASE = sql`interval '5 minutes'`;

export type SendOutcome =
  | { status: "sent"; transport: string; response: string }
  | { status: "failed"; reason: string }
  | { status: "skipped"; reason: "already_sent" | "in_progress" | "failed" | "not_found" };

/**
 * How long after failed attempt n (from 1) the next one starts. Decided here, recorded on the
 * delivery and handed to the job as its retry time, so "next attempt at" is what really happens.
 */
export const SEND_RETRY_DELAYS_MS = [30_000, 2 * 60_000, 5 * 60_000, 10 * 60_000] as const;
/** A reason is shown in a message bubble and stored in a row: one printable line, bounded. */
export const MAX_REASON_LENGTH = 500;

export const retryDelayMs = (attempt: number): number =>
  SEND_RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), SEND_RETRY_DELAYS_MS.length) - 1];

/** A temporary failure: the job retries it at `retryAt` until SEND_MAX_ATTEMPTS. */
export class RetryableSendError extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
  ) {
    super(message);
    this.name = "RetryableSendError";
  }
}


/**
 * Sends one outbound email delivery, exactly once. The row is claimed with a status transition
 * (queued → sending) in one UPDATE, so a duplicate or concurrent run finds nothing to claim and a
 * delivery already `sent` is never sent again. The MIME bytes are built once and stored before
 * the transport is called: retries send the very same message, and `raw` is what went out.
 */
export async function sendEmailDelivery(db: Db, messageId: number): Promise<SendOutcome> {
  const [claimed] = await db
    .update(emailDeliveries)
    .set({ status: "sending", attempts: sql`${emailDeliveries.attempts} + 1`, nextAttemptAt: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(emailDeliveries.messageId, messageId),
        sql`(${emailDeliveries.status} = 'queued' or (${emailDeliveries.status} = 'sending' and ${emailDeliveries.updatedAt} < now() - ${CLAIM_LEASE}))`,
      ),
    )
    .returning();
  if (!claimed) return skipped(db, messageId);

  let delivery: EmailDelivery = claimed;
  try {
    const outbound = await loadOutboundEmail(db, delivery);
    const scope = { accountId: delivery.accountId, inboxId: delivery.inboxId };
    // Microsoft 365 inboxes on the Graph transport send through sendMail, not SMTP (docs/email.md, Microsoft 365 and Google).
    const graph = outbound.channel.provider === "microsoft" && (await usesGraphTransport(db, scope));
    // OAuth2 inboxes on the imap_api transport send through their email HTTP API ("mailgun").
    const emailApi = emailApiTransportOf(outbound.channel);
    const transport = graph ? "graph" : emailApi ? emailApi : outbound.channel.smtpEnabled ? "smtp" : "outbox";
    if (!delivery.raw || delivery.transport !== transport) {
      const raw = delivery.raw ?? (await buildMime(outbound));
      const envelope = { from: outbound.channel.email, to: outbound.headers.to, cc: outbound.headers.cc, bcc: outbound.headers.bcc };
      [delivery] = await db
        .update(emailDeliveries)
        .set({ raw, envelope, transport, updatedAt: sql`now()` })
        .where(eq(emailDeliveries.id, delivery.id))
        .returning();
    }
    const raw = delivery.raw ?? Buffer.alloc(0);
    const envelope = delivery.envelope ?? { from: outbound.channel.email, to: [] };
    const smtpEnvelope = { from: envelope.from, to: [...envelope.to, ...(envelope.cc ?? []), ...(envelope.bcc ?? [])] };
    const result: SmtpResult =
      transport === "graph"
        ? await sendViaGraph(db, scope, outbound.channel.email, raw, envelope.bcc ?? [])
        : transport === emailApi
        ? await sendViaEmailApi(outbound.channel, smtpEnvelope.to, raw)
        : transport === "smtp"
        ? outbound.channel.provider === "password"
          ? await sendViaSmtp(outbound.channel, smtpEnvelope, raw)
          : await sendViaSmtpWithOAuth(db, outbound.channel, delivery.inboxId, smtpEnvelope, raw)
        : { response: "Captured in the local outbox (no SMTP server configured for this inbox)", providerMessageId: null };
    await recordSent(db, delivery, result);
    return { status: "sent", transport, response: result.response };
  } catch (error) {
    const permanent = error instanceof UnsendableError || (error instanceof SmtpSendError && error.permanent);
    // Stored on the delivery and the message and shown in the bubble: storable, one line, capped.
    const reason = errorText(error, MAX_REASON_LENGTH);
    if (permanent || delivery.attempts >= SEND_MAX_ATTEMPTS) {
      const words = permanent ? reason : cappedText(`Gave up after ${delivery.attempts} attempts. ${reason}`, MAX_REASON_LENGTH);
      await recordFailed(db, delivery, words);
      return { status: "failed", reason: words };
    }
    if (!(error instanceof SmtpSendError)) log.error("unexpected error while sending", { messageId, error: reason });
    const retryAt = new Date(Date.now() + retryDelayMs(delivery.attempts));
    await recordRetry(db, delivery, reason, retryAt);
    throw new RetryableSendError(reason, retryAt);
  }
}

/**
 * A temporary failure: the row goes back to `queued` with the reason and the next attempt's time,
 * and the message's version moves so the agents watching see "Retrying: <reason>" at once.
 */
async function recordRetry(db: Db, delivery: EmailDelivery, reason: string, retryAt: Date): Promise<void> {
  await inTransaction(db, async (tx, afterCommit) => {
    emitMessageUpdatedById(afterCommit, { accountId: delivery.accountId, messageId: delivery.messageId });
    await tx
      .update(emailDeliveries)
      .set({ status: "queued", lastError: reason, nextAttemptAt: retryAt, updatedAt: sql`now()` })
      .where(eq(emailDeliveries.id, delivery.id));
    await tx
      .update(messages)
      .set({ updatedAt: sql`now()` })
      .where(and(eq(messages.accountId, delivery.accountId), eq(messages.id, delivery.messageId)));
  });
}

async function skipped(db: Db, messageId: number): Promise<SendOutcome> {
  const [row] = await db.select({ status: emailDeliveries.status }).from(emailDeliveries).where(eq(emailDeliveries.messageId, messageId));
  if (!row) return { status: "skipped", reason: "not_found" };
  if (row.status === "sent") return { status: "skipped", reason: "already_sent" };
  return { status: "skipped", reason: row.status === "failed" ? "failed" : "in_progress" };
}

async function recordSent(db: Db, delivery: EmailDelivery, result: SmtpResult): Promise<void> {
  await inTransaction(db, async (tx, afterCommit) => {
    // Agents watching the conversation see "Sent by email" without reloading.
    emitMessageUpdatedById(afterCommit, { accountId: delivery.accountId, messageId: delivery.messageId });
    emitIntegrationMessageUpdated(afterCommit, { accountId: delivery.accountId, messageId: delivery.messageId });
    await tx
      .update(emailDeliveries)
      .set({
        status: "sent",
        providerResponse: result.response,
        providerMessageId: result.providerMessageId,
        lastError: null,
        nextAttemptAt: null,
        sentAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(emailDeliveries.id, delivery.id));
    await tx
      .update(messages)
      .set({ status: "sent", contentAttributes: sql`${messages.contentAttributes} - 'external_error'`, updatedAt: sql`now()` })
      .where(and(eq(messages.accountId, delivery.accountId), eq(messages.id, delivery.messageId)));
  });
}

async function recordFailed(db: Db, delivery: EmailDelivery, reason: string): Promise<void> {
  await inTransaction(db, async (tx, afterCommit) => {
    emitMessageUpdatedById(afterCommit, { accountId: delivery.accountId, messageId: delivery.messageId });
    emitIntegrationMessageUpdated(afterCommit, { accountId: delivery.accountId, messageId: delivery.messageId });
    await tx
      .update(emailDeliveries)
      .set({ status: "failed", lastError: reason, nextAttemptAt: null, updatedAt: sql`now()` })
      .where(eq(emailDeliveries.id, delivery.id));
    await tx
      .update(messages)
      .set({
        status: "failed",
        contentAttributes: sql`${messages.contentAttributes} || jsonb_build_object('external_error', ${reason}::text)`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(messages.accountId, delivery.accountId), eq(messages.id, delivery.messageId)));
  });
}
