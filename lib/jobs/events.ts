import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every event Postdesk sends, named `area/thing.happened`, with a zod schema for its data.
 * Create one with `someEvent.create(data)` and send it with sendEvent() (lib/jobs/send.ts).
 */

/** Asks for an immediate sweep of snoozed conversations (the cron does it every minute anyway). */
export const snoozedConversationsDue = eventType("conversations/snoozed.due", {
  schema: z.object({ reason: z.string().max(200).optional() }),
});

/** An outgoing email message is waiting in email_deliveries to be sent (lib/email/send). */
export const mailSendRequested = eventType("mail/send.requested", {
  schema: z.object({ accountId: z.number().int().positive(), messageId: z.number().int().positive() }),
});

/**
 * Poll one IMAP inbox (the due-inbox cron, the "Poll now" button and API, the IDLE watcher, a poll
 * that had more to fetch). `dueAt`: not before this time (the cron asks for the coming minute's
 * polls at once). `requestId`: someone waits for the result (Poll now), published when it ends.
 */
export const mailboxPollRequested = eventType("mailbox/poll.requested", {
  schema: z.object({
    accountId: z.number().int().positive(),
    inboxId: z.number().int().positive(),
    dueAt: z.iso.datetime().optional(),
    requestId: z.string().min(1).max(100).optional(),
  }),
});

/** Graph told us a message arrived in a graph-transport inbox (app/api/graph/notifications): fetch and ingest it. */
export const graphMessageNotified = eventType("graph/message.notified", {
  schema: z.object({ accountId: z.number().int().positive(), inboxId: z.number().int().positive(), graphMessageId: z.string().min(1).max(1000) }),
});

/** A Graph lifecycle notification (reauthorizationRequired, subscriptionRemoved, missed) for one inbox's subscription. */
export const graphLifecycleNotified = eventType("graph/lifecycle.notified", {
  schema: z.object({ accountId: z.number().int().positive(), inboxId: z.number().int().positive(), lifecycleEvent: z.string().min(1).max(100) }),
});

/** Forwarded mail (relay, provider webhooks) was stored in raw_emails by app/api/ingress: import it. */
export const inboundEmailStored = eventType("mail/inbound.stored", {
  schema: z.object({ accountId: z.number().int().positive(), inboxId: z.number().int().positive(), rawEmailId: z.number().int().positive() }),
});

/** A Graph inbox was just created or reconnected: subscribe it to new mail now (lib/mailbox/graph ensureGraphSubscription). */
export const graphSubscriptionRequested = eventType("graph/subscription.requested", {
  schema: z.object({ accountId: z.number().int().positive(), inboxId: z.number().int().positive() }),
});

/** An invitation to join an account was created or renewed: email its link (lib/accounts/invitations). */
export const invitationSendRequested = eventType("accounts/invitation.send.requested", {
  schema: z.object({ accountId: z.number().int().positive(), invitationId: z.number().int().positive() }),
});

/**
 * Someone asked for a password reset link for this address (lib/auth/password-reset). Whether it
 * has a user is decided by the job, so the request itself does the same work for every address.
 */
export const passwordResetRequested = eventType("accounts/password-reset.requested", {
  schema: z.object({ email: z.string().min(1).max(320) }),
});

/**
 * Something an integration may want to hear about committed (lib/integrations/emit.ts): the job
 * builds Chatwoot's payload and creates one delivery per interested target. `orderKey` keeps one
 * conversation's events in order.
 */
export const integrationEventEmitted = eventType("integrations/event.emitted", {
  schema: z.object({
    accountId: z.number().int().positive(),
    event: z.string().min(1).max(100),
    orderKey: z.string().min(1).max(200),
    conversationId: z.number().int().positive().optional(),
    messageId: z.number().int().positive().optional(),
    contactId: z.number().int().positive().optional(),
    userId: z.number().int().positive().optional(),
    isPrivate: z.boolean().optional(),
    changedAttributes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
    snapshot: z.record(z.string(), z.unknown()).optional(),
    conversationState: z.object({ status: z.string().max(20), assigneeId: z.number().int().positive().nullable() }).optional(),
    occurredAt: z.number(),
  }),
});

/** Attempt (or re-attempt, after a redeliver) one integration delivery (lib/integrations/delivery). */
export const integrationDeliveryRequested = eventType("integrations/delivery.requested", {
  schema: z.object({
    accountId: z.number().int().positive(),
    deliveryRowId: z.number().int().positive(),
    orderKey: z.string().min(1).max(300),
    /** An ISO time: the fan-out's first attempt asked for a retry then. */
    notBefore: z.string().max(40).optional(),
  }),
});

/**
 * A bulk action too big to finish within the request ("all matching" a filter, or many ids):
 * run by the bulk-action job as the agent who asked (lib/bulk-actions), progress on their channel.
 */
export const bulkActionRequested = eventType("conversations/bulk-action.requested", {
  schema: z.object({
    accountId: z.number().int().positive(),
    userId: z.number().int().positive(),
    runId: z.string().min(1).max(100),
    action: z.record(z.string(), z.unknown()),
  }),
});

/**
 * A member was removed from an account (lib/accounts/remove-agent.ts): their access ended at once;
 * the job unassigns their conversations there, each with an activity line and a live event.
 */
export const agentRemoved = eventType("accounts/agent.removed", {
  schema: z.object({ accountId: z.number().int().positive(), userId: z.number().int().positive(), name: z.string().max(300) }),
});

/**
 * Automation events of an account were recorded (lib/automation/record-event.ts): evaluate its
 * pending ones against its active rules. One run per account at a time; a run takes every
 * pending event, so a wake-up that finds nothing is cheap.
 */
export const automationEventsPending = eventType("automation/events.pending", {
  schema: z.object({ accountId: z.number().int().positive() }),
});

/** A macro to run on many conversations as the agent who asked (lib/automation/macros.ts). */
export const macroExecutionRequested = eventType("automation/macro.execute.requested", {
  schema: z.object({
    accountId: z.number().int().positive(),
    userId: z.number().int().positive(),
    macroId: z.number().int().positive(),
    displayIds: z.array(z.number().int().positive()).max(1000),
  }),
});

/**
 * Auto-assignment may have work (lib/assignment): a conversation of this inbox opened or reopened
 * unassigned, an agent freed capacity there (inboxId), or an agent came online (userId: each of
 * their inboxes). The job assigns the waiting conversations, oldest first.
 */
export const autoAssignmentRequested = eventType("assignment/auto-assign.requested", {
  schema: z.object({
    accountId: z.number().int().positive(),
    inboxId: z.number().int().positive().optional(),
    userId: z.number().int().positive().optional(),
  }),
});

/** An email inbox with automatic replies imported a message: answer it if the rules say so (lib/auto-replies). */
export const autoReplyRequested = eventType("mail/auto-reply.requested", {
  schema: z.object({ accountId: z.number().int().positive(), messageId: z.number().int().positive() }),
});

/** Image attachments were stored: make their thumbnails (lib/attachments/thumbnails.ts); `messageId` names whose. */
export const attachmentThumbnailsRequested = eventType("attachments/thumbnails.requested", {
  schema: z.object({ accountId: z.number().int().positive(), messageId: z.number().int().positive() }),
});

/** A conversation was resolved: send its satisfaction survey if its inbox asks for one (lib/csat). */
export const csatSurveyRequested = eventType("csat/survey.requested", {
  schema: z.object({ accountId: z.number().int().positive(), conversationId: z.number().int().positive() }),
});

export const allEvents = [attachmentThumbnailsRequested, csatSurveyRequested, autoReplyRequested, agentRemoved, automationEventsPending, macroExecutionRequested, autoAssignmentRequested, bulkActionRequested, integrationEventEmitted, integrationDeliveryRequested, invitationSendRequested, passwordResetRequested, snoozedConversationsDue, mailSendRequested, mailboxPollRequested, graphMessageNotified, graphLifecycleNotified, graphSubscriptionRequested, inboundEmailStored] as const;

export type PostdeskEvent = ReturnType<(typeof allEvents)[number]["create"]>;
