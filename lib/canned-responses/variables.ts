/**
 * The variables a canned response may use, as Chatwoot names them (`{{contact.name}}`), filled
 * from the conversation it is inserted into. An unknown variable, or one with no value, becomes
 * empty text: the customer must never receive a raw `{{…}}`.
 */
export type CannedResponseContext = {
  contact: { name: string; email: string | null; phoneNumber: string | null };
  agent: { name: string; email: string | null };
  conversation: { displayId: number };
  inbox: { name: string };
  account: { name: string };
};

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? "";
const lastName = (name: string) => (name.trim().split(/\s+/).length > 1 ? name.trim().split(/\s+/).slice(-1)[0] : "");

export function variableValues(ctx: CannedResponseContext): Record<string, string> {
  return {
    "contact.name": ctx.contact.name,
    "contact.first_name": firstName(ctx.contact.name),
    "contact.last_name": lastName(ctx.contact.name),
    "contact.email": ctx.contact.email ?? "",
    "contact.phone": ctx.contact.phoneNumber ?? "",
    "contact.phone_number": ctx.contact.phoneNumber ?? "",
    "agent.name": ctx.agent.name,
    "agent.first_name": firstName(ctx.agent.name),
    "agent.last_name": lastName(ctx.agent.name),
    "agent.email": ctx.agent.email ?? "",
    "conversation.id": String(ctx.conversation.displayId),
    "conversation.display_id": String(ctx.conversation.displayId),
    "inbox.name": ctx.inbox.name,
    "account.name": ctx.account.name,
  };
}

/** The names listed in the settings page's help, in the order shown. */
export const VARIABLE_NAMES = ["contact.name", "contact.first_name", "contact.last_name", "contact.email", "contact.phone_number", "agent.name", "agent.first_name", "agent.email", "conversation.id", "inbox.name", "account.name"] as const;

export function fillVariables(content: string, values: Record<string, string>): string {
  return content.replace(/\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}/gi, (_, name: string) => values[name.toLowerCase()] ?? "");
}
