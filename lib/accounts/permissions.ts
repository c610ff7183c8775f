import { forbidden } from "@/lib/errors";
import type { AccountAccess } from "./access";

/**
 * What a custom role can grant. The first six are Chatwoot's (custom_roles.permissions); the
 * others are ours, one per settings area a non-administrator may be trusted with. Everything not
 * listed (agents, roles, account settings, custom attributes, mail quarantine) stays with
 * administrators.
 */
export const PERMISSIONS = [
  "conversation_manage",
  "conversation_unassigned_manage",
  "conversation_participating_manage",
  "contact_manage",
  "report_manage",
  "knowledge_base_manage",
  "inbox_manage",
  "team_manage",
  "label_manage",
  "integration_manage",
  "automation_manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, { label: string; hint: string }> = {
  conversation_manage: { label: "All conversations", hint: "Every conversation of the inboxes they are a member of" },
  conversation_unassigned_manage: { label: "Unassigned and their own", hint: "Unassigned conversations and those assigned to them" },
  conversation_participating_manage: { label: "Participating", hint: "Conversations assigned to them or that they follow" },
  contact_manage: { label: "Contacts", hint: "See, create, edit and merge contacts" },
  report_manage: { label: "Reports", hint: "See reports" },
  knowledge_base_manage: { label: "Help center", hint: "Portals, categories and articles" },
  inbox_manage: { label: "Inboxes", hint: "Create, configure and delete inboxes, choose their members" },
  team_manage: { label: "Teams", hint: "Create teams and choose their members" },
  label_manage: { label: "Labels", hint: "Create, edit and delete labels" },
  integration_manage: { label: "Integrations", hint: "Webhooks, dashboard apps and agent bots" },
  automation_manage: { label: "Automation", hint: "Automation rules and shared macros" },
};

/** The permissions that show a member conversations (any one of them: see conversationVisibility). */
export const CONVERSATION_PERMISSIONS = ["conversation_manage", "conversation_unassigned_manage", "conversation_participating_manage"] as const satisfies readonly Permission[];

/** What a plain agent (no custom role) may do: work the conversations of their inboxes and contacts. */
export const AGENT_PERMISSIONS: readonly Permission[] = ["conversation_manage", "contact_manage"];

export const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p);

/**
 * The one question every guarded action asks. Administrators and the system may do everything; an
 * agent bot only works conversations of its inboxes; a member with a custom role has exactly its
 * permissions; a plain agent has AGENT_PERMISSIONS.
 */
export function can(access: AccountAccess, permission: Permission): boolean {
  if (access.role === "administrator" || access.role === "system") return true;
  if (access.role === "agent_bot") return permission === "conversation_manage";
  return (access.permissions ?? AGENT_PERMISSIONS).includes(permission);
}

/** `can`, or "forbidden" in words. */
export function requirePermission(access: AccountAccess, permission: Permission): void {
  if (can(access, permission)) return;
  // A plain agent hears what they always heard; a custom role's member learns which permission is missing.
  throw forbidden(access.permissions ? `Your role does not allow this (${PERMISSION_LABELS[permission].label.toLowerCase()})` : "Only administrators can do that");
}

/** Which conversations of their inboxes the member sees. */
export type ConversationVisibility = "all" | { unassigned: boolean; participating: boolean } | "none";

/**
 * "all" with conversation_manage; else the union of what the narrower permissions allow:
 * unassigned ones plus their own (conversation_unassigned_manage), their own plus the ones they
 * follow (conversation_participating_manage); "none" without any of the three.
 */
export function conversationVisibility(access: AccountAccess): ConversationVisibility {
  if (can(access, "conversation_manage")) return "all";
  const unassigned = can(access, "conversation_unassigned_manage");
  const participating = can(access, "conversation_participating_manage");
  return unassigned || participating ? { unassigned, participating } : "none";
}
