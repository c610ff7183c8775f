"use server";

import { z } from "zod";
import { inviteAgent, resendInvitation } from "@/lib/accounts/invitations/invite-agent";
import { cancelInvitation } from "@/lib/accounts/invitations/list-invitations";
import { serverAction } from "../action";

const id = z.number().int().positive();

/** Invites someone by email; the answer is the same whether or not they already use Postdesk. */
export const inviteAgentAction = serverAction(
  z.object({ accountId: id, name: z.string(), email: z.string(), role: z.enum(["administrator", "agent"]), customRoleId: id.nullable().optional() }),
  async ({ db, actor }, { accountId, ...input }) => {
    const invitation = await inviteAgent(db, actor, accountId, input);
    return { email: invitation.email };
  },
);

export const resendInvitationAction = serverAction(z.object({ accountId: id, invitationId: id }), async ({ db, actor }, { accountId, invitationId }) => {
  const invitation = await resendInvitation(db, actor, accountId, invitationId);
  return { email: invitation.email };
});

export const cancelInvitationAction = serverAction(z.object({ accountId: id, invitationId: id }), async ({ db, actor }, { accountId, invitationId }) => {
  await cancelInvitation(db, actor, accountId, invitationId);
  return null;
});
