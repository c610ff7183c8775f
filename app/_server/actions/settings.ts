"use server";

import { z } from "zod";
import { updateAccount } from "@/lib/accounts/account";
import { removeAgent, updateAgent } from "@/lib/accounts/agents";
import { createApiInbox, updateInbox } from "@/lib/inboxes/inboxes";
import { addInboxMembers, removeInboxMembers } from "@/lib/inboxes/members";
import { serverAction } from "../action";

// The domain validates the fields themselves (and says what is wrong); these schemas only
// check the shape that crossed the boundary.
const id = z.number().int().positive();
const role = z.enum(["administrator", "agent"]);
const availability = z.enum(["online", "busy", "offline"]);

export const updateAccountAction = serverAction(z.object({ accountId: id, name: z.string() }), async ({ db, actor }, { accountId, name }) => {
  const account = await updateAccount(db, actor, accountId, { name });
  return { name: account.name };
});

/** The account's "a reply assigns an unassigned conversation to the replier" switch. */
export const updateAssignOnReplyAction = serverAction(z.object({ accountId: id, assignOnReply: z.boolean() }), async ({ db, actor }, { accountId, assignOnReply }) => {
  const account = await updateAccount(db, actor, accountId, { assignOnReply });
  return { assignOnReply: account.assignOnReply };
});

// Adding an agent is an invitation: app/_server/actions/invitations.ts.

export const updateAgentAction = serverAction(
  z.object({ accountId: id, userId: id, role: role.optional(), customRoleId: id.nullable().optional(), availability: availability.optional() }),
  async ({ db, actor }, { accountId, userId, ...input }) => {
    const agent = await updateAgent(db, actor, accountId, userId, input);
    return { role: agent.role, customRoleId: agent.customRoleId, availability: agent.availability };
  },
);

export const removeAgentAction = serverAction(z.object({ accountId: id, userId: id }), async ({ db, actor }, { accountId, userId }) => {
  await removeAgent(db, actor, accountId, userId);
  return null;
});

export const createInboxAction = serverAction(z.object({ accountId: id, name: z.string() }), async ({ db, actor }, { accountId, name }) => {
  const inbox = await createApiInbox(db, actor, accountId, { name });
  return { id: inbox.id };
});

export const updateInboxAction = serverAction(
  z.object({ accountId: id, inboxId: id, name: z.string() }),
  async ({ db, actor }, { accountId, inboxId, name }) => {
    const inbox = await updateInbox(db, actor, accountId, inboxId, { name });
    return { name: inbox.name };
  },
);

export const addInboxMemberAction = serverAction(
  z.object({ accountId: id, inboxId: id, userId: id }),
  async ({ db, actor }, { accountId, inboxId, userId }) => {
    const members = await addInboxMembers(db, actor, accountId, inboxId, { userIds: [userId] });
    return { count: members.length };
  },
);

export const removeInboxMemberAction = serverAction(
  z.object({ accountId: id, inboxId: id, userId: id }),
  async ({ db, actor }, { accountId, inboxId, userId }) => {
    const members = await removeInboxMembers(db, actor, accountId, inboxId, { userIds: [userId] });
    return { count: members.length };
  },
);
