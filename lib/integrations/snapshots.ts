import { eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { accounts, conversations } from "@/db/schema";
import { selectConversationSummaries } from "@/db/queries/conversation-summaries";
import type { ContactDetails } from "@/lib/contacts/contacts";
import type { ConversationSummary } from "@/lib/conversations/types";
import { accountHasActiveRules } from "@/lib/automation/record-event";
import { recordReportingEventsAfterCommit } from "@/lib/reports/record";
import { emitIntegrationEvent } from "./emit";
import { conversationDataOf } from "./payloads/build";
import { contactData } from "./payloads/shapes";
import type { ChangedAttributes } from "./events";
import { accountHasAnyTargets } from "./targets";

// What the transaction read of "does the account have any target?", handed to the after-commit
// send so it is asked once per change, not again after the commit.
const hasTargets = { hasTargets: true };

/**
 * Deletions are the one place a payload is built inside the transaction: after the commit the row
 * is gone. Call before the DELETE; the events still go out only after the commit.
 */
export async function emitContactDeleted(tx: DbOrTx, afterCommit: AfterCommit, contact: ContactDetails): Promise<void> {
  if (!(await accountHasAnyTargets(tx, contact.accountId))) return;
  const [account] = await tx.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, contact.accountId));
  if (!account) return;
  // Its conversations go with it (cascade): each gets its conversation_deleted first.
  const summaries = await selectConversationSummaries(tx, contact.accountId, eq(conversations.contactId, contact.id), sql``);
  for (const summary of summaries) {
    const snapshot = await conversationDataOf(tx, account, summary);
    emitIntegrationEvent(afterCommit, { accountId: contact.accountId, event: "conversation_deleted", conversationId: summary.id, snapshot }, hasTargets);
  }
  emitIntegrationEvent(afterCommit, { accountId: contact.accountId, event: "contact_deleted", contactId: contact.id, snapshot: contactData(contact, account) }, hasTargets);
}

/** Chatwoot's attribute names for the contact fields an update may change. */
const contactAttributeNames: Record<string, keyof ContactDetails> = {
  name: "name",
  email: "email",
  phone_number: "phoneNumber",
  identifier: "identifier",
  thumbnail: "thumbnail",
  custom_attributes: "customAttributes",
  additional_attributes: "additionalAttributes",
};

/** What an update changed, as `{attr: [previous, current]}` (nothing for values that stayed). */
export function contactChanges(before: ContactDetails, after: ContactDetails): ChangedAttributes {
  const changes: ChangedAttributes = {};
  for (const [name, field] of Object.entries(contactAttributeNames)) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes[name] = [before[field], after[field]];
  }
  return changes;
}

/**
 * contact_created / contact_updated carry the contact as it was at the change: a contact deleted
 * before the fan-out ran (a busy queue) still gets its update delivered, in the state the
 * `changed_attributes` describe. Nothing is read when the account has no integration target.
 */
export async function emitContactChange(
  tx: DbOrTx,
  afterCommit: AfterCommit,
  event: "contact_created" | "contact_updated",
  contact: ContactDetails,
  changedAttributes?: ChangedAttributes,
): Promise<void> {
  if (!(await accountHasAnyTargets(tx, contact.accountId))) return;
  const [account] = await tx.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, contact.accountId));
  if (!account) return;
  emitIntegrationEvent(afterCommit, { accountId: contact.accountId, event, contactId: contact.id, changedAttributes, snapshot: contactData(contact, account) }, hasTargets);
}

/**
 * conversation_updated / conversation_status_changed carry the conversation as this transaction
 * left it: a receiver hears `open` then `pending` even when the second change committed before the
 * first fan-out ran, and an update to a conversation deleted meanwhile is still delivered. The
 * summary is read inside the transaction only when the account has an integration target.
 */
export async function emitConversationChange(
  tx: DbOrTx,
  afterCommit: AfterCommit,
  change: {
    accountId: number;
    conversationId: number;
    events: ("conversation_updated" | "conversation_status_changed")[];
    changedAttributes: ChangedAttributes;
    summary?: ConversationSummary;
    /** The transaction recorded these events for automation rules itself (an import's outbox). */
    automationRecorded?: boolean;
    /** "Does the account have any target?", when the caller's own statement already asked it (anyTargetSql). */
    hasTargets?: boolean;
  },
): Promise<void> {
  if (change.events.length === 0) return;
  const recorded = change.automationRecorded === true;
  if (!(change.hasTargets ?? (await accountHasAnyTargets(tx, change.accountId)))) {
    // No receiver needs the snapshot; automation rules still hear the change (they read current state).
    if (await accountHasActiveRules(tx, change.accountId)) {
      for (const event of change.events) emitIntegrationEvent(afterCommit, { accountId: change.accountId, event, conversationId: change.conversationId, changedAttributes: change.changedAttributes }, { hasTargets: false, automationRecorded: recorded });
    } else if (change.events.includes("conversation_status_changed")) {
      // Reports still record a resolve or reopen (lib/reports/record.ts; emitIntegrationEvent does it otherwise).
      afterCommit(() => recordReportingEventsAfterCommit(getDb(), { accountId: change.accountId, event: "conversation_status_changed", conversationId: change.conversationId }));
    }
    return;
  }
  const [account] = await tx.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, change.accountId));
  const summary =
    change.summary ?? (await selectConversationSummaries(tx, change.accountId, eq(conversations.id, change.conversationId), sql``))[0];
  if (!account || !summary) return;
  const snapshot = await conversationDataOf(tx, account, summary);
  for (const event of change.events) {
    emitIntegrationEvent(afterCommit, {
      accountId: change.accountId,
      event,
      conversationId: change.conversationId,
      changedAttributes: change.changedAttributes,
      snapshot,
    }, { hasTargets: true, automationRecorded: recorded });
  }
}
