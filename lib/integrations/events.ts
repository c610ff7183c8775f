/**
 * The integration events, by Chatwoot's names (what webhook subscriptions list and what the
 * payload's `event` says). `label_added`/`label_removed` are reserved: Postdesk has no labels yet;
 * when they land, emit them with emitIntegrationEvent() and add a builder in payloads/.
 */
export const CHATWOOT_WEBHOOK_EVENTS = [
  "conversation_created",
  "conversation_status_changed",
  "conversation_updated",
  "contact_created",
  "contact_updated",
  "message_created",
  "message_updated",
  "webwidget_triggered",
  "conversation_typing_on",
  "conversation_typing_off",
] as const;

/** Events Chatwoot lacks that Postdesk adds. */
export const EXTRA_WEBHOOK_EVENTS = ["conversation_deleted", "contact_deleted", "label_added", "label_removed"] as const;

export const INTEGRATION_EVENTS = [...CHATWOOT_WEBHOOK_EVENTS, ...EXTRA_WEBHOOK_EVENTS] as const;
export type IntegrationEventName = (typeof INTEGRATION_EVENTS)[number];

export const isIntegrationEventName = (value: string): value is IntegrationEventName =>
  (INTEGRATION_EVENTS as readonly string[]).includes(value);

/** Events about a contact, not a conversation: they have no inbox (an inbox-filtered webhook does not get them). */
export const CONTACT_EVENTS: readonly IntegrationEventName[] = ["contact_created", "contact_updated", "contact_deleted"];

/** `{attr: [previous, current]}` as the domain knows it; payloads turn it into Chatwoot's list. */
export type ChangedAttributes = Record<string, [unknown, unknown]>;

/**
 * What the after-commit emission carries: ids and what changed, never a payload built inside the
 * transaction. The exceptions carry a Chatwoot-shaped `snapshot`: a deletion (the row is gone
 * after the commit, so it is taken before the delete), a contact's create/update and a
 * conversation's update/status change: each is delivered in the state its change left, even when
 * a later change (or a delete) committed before the fan-out ran (lib/integrations/snapshots.ts).
 */
export type IntegrationEventData = {
  accountId: number;
  event: IntegrationEventName;
  conversationId?: number;
  messageId?: number;
  contactId?: number;
  /** For typing events: the agent who types. */
  userId?: number;
  isPrivate?: boolean;
  changedAttributes?: ChangedAttributes;
  snapshot?: Record<string, unknown>;
  /**
   * message_created / message_updated: the conversation's status and assignee as the message's
   * transaction left them. The payload's conversation is read when the fan-out runs; these two
   * are set back to their state at the message (a later resolve or reassignment committed first
   * must not show on it). Absent on events queued before it existed.
   */
  conversationState?: { status: string; assigneeId: number | null };
  /** When the change committed (ms): the benchmark measures commit → receipt from it. */
  occurredAt: number;
};
