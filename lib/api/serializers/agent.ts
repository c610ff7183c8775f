import type { z } from "zod";
import type { agentResponse, invitedAgentResponse } from "../responses";
import type { PendingInvitation } from "@/lib/accounts/invitations/list-invitations";
import type { Agent } from "@/lib/accounts/agents";
import type { InboxMember } from "@/lib/inboxes/members";

type AgentResponse = z.infer<typeof agentResponse>;

/** Chatwoot's agent JSON (GET /agents, inbox members, assignee). */
export function serializeAgent(a: Agent | (InboxMember & { accountId: number; autoOffline?: boolean })): AgentResponse {
  return {
    id: a.id,
    account_id: a.accountId,
    availability_status: a.availability,
    auto_offline: "autoOffline" in a ? (a.autoOffline ?? true) : true,
    confirmed: "confirmed" in a ? a.confirmed : true,
    email: a.email,
    available_name: a.displayName || a.name,
    name: a.name,
    role: a.role,
    thumbnail: "",
    custom_role_id: "customRoleId" in a ? a.customRoleId : null,
  };
}

/** The assignee as embedded in a conversation's meta. */
export function serializeAssignee(
  accountId: number,
  a: { id: number; name: string; displayName: string | null; email: string; availability: "online" | "busy" | "offline" | null },
): AgentResponse {
  return {
    id: a.id,
    account_id: accountId,
    availability_status: a.availability ?? "offline",
    auto_offline: true,
    confirmed: true,
    email: a.email,
    available_name: a.displayName || a.name,
    name: a.name,
    thumbnail: "",
  };
}

/** An invitation in the agent shape: only what the administrator typed, `confirmed: false`. */
export function serializeInvitedAgent(i: PendingInvitation): z.infer<typeof invitedAgentResponse> {
  return {
    id: null,
    account_id: i.accountId,
    availability_status: "offline",
    auto_offline: true,
    confirmed: false,
    email: i.email,
    available_name: i.name,
    name: i.name,
    role: i.role,
    thumbnail: "",
    custom_role_id: i.customRoleId,
    invitation: { id: i.id, expires_at: Math.floor(i.expiresAt.getTime() / 1000) },
  };
}
