import { isWithinBusinessHours } from "@/lib/business-hours/schedule";
import type { ConditionLeaf, FactReader, FactValue, ValueNamer } from "./conditions";
import type { AccountNames, ConversationFacts, MessageFacts } from "./facts";

/**
 * How conditions read an event's facts (loaded for the whole batch by facts.ts): one attribute
 * at a time, with the value shown in the run log's words, and the names for explanations.
 */

const email = (m: MessageFacts | undefined) => (m?.contentAttributes.email ?? null) as Record<string, unknown> | null;

/** The sender's address: the mail's From for an email, else the contact's email for an incoming message. */
function senderEmail(c: ConversationFacts, m: MessageFacts | undefined): string | null {
  const from = email(m)?.from;
  if (Array.isArray(from) && typeof from[0] === "string") return from[0];
  return m === undefined || m.messageType === "incoming" ? c.contact.email : null;
}

/**
 * Reads one condition's attribute from an event's facts. `at`: when the event happened, for
 * `business_hours` ("inside" or "outside" the inbox's hours then; an inbox without hours is always inside).
 */
export function factReader(c: ConversationFacts, m: MessageFacts | undefined, names: AccountNames, at: Date = new Date(), extra: Record<string, FactValue> = {}): FactReader {
  return (leaf: ConditionLeaf) => {
    const key = leaf.attribute_key;
    const out = (value: FactValue, shown?: string) => ({ value, shown: shown ?? (Array.isArray(value) ? value.join(", ") : value === null || value === undefined ? "" : String(value)), known: true });
    if (key in extra) return out(extra[key]);
    if (key.startsWith("mail_header:")) {
      const headers = (email(m)?.headers ?? {}) as Record<string, unknown>;
      const value = headers[key.slice("mail_header:".length).toLowerCase()];
      return out(typeof value === "string" ? value : null);
    }
    if (leaf.custom_attribute_type === "conversation_attribute") return out(scalarOf(c.customAttributes[key]));
    if (leaf.custom_attribute_type === "contact_attribute") return out(scalarOf(c.contact.customAttributes[key]));
    switch (key) {
      case "inbox_id":
        return out(String(c.inboxId), c.inboxName);
      case "team_id":
        return out(c.teamId === null ? null : String(c.teamId), c.teamName ?? "");
      case "assignee_id":
        return out(c.assigneeId === null ? null : String(c.assigneeId), c.assigneeName ?? "");
      case "status":
        return out(c.status);
      case "priority":
        return out(c.priority);
      case "labels":
        return out(c.labels);
      case "display_id":
        return out(String(c.displayId));
      case "message_type":
        return out(m ? (m.private ? "private_note" : m.messageType) : null);
      case "content":
        return out(m?.content ?? null);
      case "private_note":
        return out(m ? m.private : null);
      case "email":
        return out(c.contact.email);
      case "name":
        return out(c.contact.name);
      case "phone_number":
        return out(c.contact.phoneNumber);
      case "identifier":
        return out(c.contact.identifier);
      case "sender_email":
        return out(senderEmail(c, m));
      case "sender_domain": {
        const address = senderEmail(c, m);
        return out(address?.includes("@") ? address.slice(address.lastIndexOf("@") + 1) : null);
      }
      case "mail_subject":
        return out(scalarOf(c.additionalAttributes.mail_subject));
      case "business_hours": {
        const schedule = names.hours.get(c.inboxId) ?? null;
        return out(schedule === null || isWithinBusinessHours(schedule, at) ? "inside" : "outside");
      }
      case "browser_language":
      case "country_code":
      case "referer":
        return out(scalarOf(c.additionalAttributes[key] ?? c.contact.additionalAttributes[key]));
    }
    // Chatwoot's clients send a custom attribute's key without a type: conversation first, then contact.
    if (key in c.customAttributes) return out(scalarOf(c.customAttributes[key]));
    if (key in c.contact.customAttributes) return out(scalarOf(c.contact.customAttributes[key]));
    // A custom attribute this conversation and contact do not have (keys are checked when a rule is saved).
    return { value: null, shown: "", known: true };
  };
}

/** Attributes a rule may name (custom attributes are checked against the account's definitions when saved). */
export const STANDARD_ATTRIBUTES = [
  "inbox_id",
  "team_id",
  "assignee_id",
  "status",
  "priority",
  "labels",
  "display_id",
  "message_type",
  "content",
  "private_note",
  "email",
  "name",
  "phone_number",
  "identifier",
  "sender_email",
  "sender_domain",
  "mail_subject",
  "browser_language",
  "country_code",
  "referer",
  "business_hours",
] as const;

/**
 * Attributes no rule action changes (actions.ts changes labels, status, priority, assignee, team,
 * and adds messages of its own; none moves a conversation to another inbox or edits the message
 * that raised an event or the contact): a firing leaves an event's reading of them as it was, so
 * the evaluation need not re-read a conversation a firing touched for rules that read only these.
 * Custom attributes are left out on purpose (anything may set them).
 */
const UNCHANGED_BY_ACTIONS: ReadonlySet<string> = new Set([
  "inbox_id",
  "display_id",
  "message_type",
  "content",
  "private_note",
  "email",
  "name",
  "phone_number",
  "identifier",
  "sender_email",
  "sender_domain",
  "mail_subject",
  "browser_language",
  "country_code",
  "referer",
  "business_hours",
]);

export const isUnchangedByActions = (leaf: ConditionLeaf): boolean =>
  !leaf.custom_attribute_type && (UNCHANGED_BY_ACTIONS.has(leaf.attribute_key) || leaf.attribute_key.startsWith("mail_header:"));

export const isKnownAttribute = (key: string) => (STANDARD_ATTRIBUTES as readonly string[]).includes(key) || key.startsWith("mail_header:");

function scalarOf(v: unknown): FactValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "object") return JSON.stringify(v);
  return v as string | number | boolean;
}

/** Shows a condition's value in words: inbox, team and agent ids as their names. */
export function valueNamer(names: AccountNames): ValueNamer {
  return (leaf, value) => {
    const id = Number(value);
    if (leaf.attribute_key === "inbox_id") return names.inboxes.get(id) ?? `inbox #${String(value)}`;
    if (leaf.attribute_key === "team_id") return names.teams.get(id) ?? `team #${String(value)}`;
    if (leaf.attribute_key === "assignee_id") return names.agents.get(id) ?? `agent #${String(value)}`;
    return String(value);
  };
}
