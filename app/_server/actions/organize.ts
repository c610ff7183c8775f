"use server";

import { z } from "zod";
import { updateConversationAttributes } from "@/lib/custom-attributes/conversation-attributes";
import { createDefinition, deleteDefinition, updateDefinition } from "@/lib/custom-attributes/definitions";
import { updateContactAttributes } from "@/lib/custom-attributes/contact-attributes";
import { updatePriority } from "@/lib/conversations/update-priority";
import { changeContactLabels } from "@/lib/labels/contact-labels";
import { changeConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel, deleteLabel, updateLabel } from "@/lib/labels/labels";
import { assignTeam } from "@/lib/teams/assign-team";
import { changeTeamMembers, createTeam, deleteTeam, updateTeam } from "@/lib/teams/teams";
import { serverAction } from "../action";

const id = z.number().int().positive();
const text = (max: number) => z.string().max(max);

// Settings → Labels (administrators; the domain checks).
const labelFields = { title: text(255), description: text(1000), color: text(16), showOnSidebar: z.boolean() };
export const createLabelAction = serverAction(z.object({ accountId: id, ...labelFields }), async ({ db, actor }, { accountId, ...input }) => {
  const label = await createLabel(db, actor, accountId, input);
  return { id: label.id };
});
export const updateLabelAction = serverAction(z.object({ accountId: id, labelId: id, ...labelFields }), async ({ db, actor }, { accountId, labelId, ...input }) => {
  await updateLabel(db, actor, accountId, labelId, input);
  return null;
});
export const deleteLabelAction = serverAction(z.object({ accountId: id, labelId: id }), async ({ db, actor }, { accountId, labelId }) => {
  await deleteLabel(db, actor, accountId, labelId);
  return null;
});

// Settings → Teams.
const teamFields = { name: text(255), description: text(1000), allowAutoAssign: z.boolean() };
export const createTeamAction = serverAction(z.object({ accountId: id, ...teamFields }), async ({ db, actor }, { accountId, ...input }) => {
  const team = await createTeam(db, actor, accountId, input);
  return { id: team.id };
});
export const updateTeamAction = serverAction(z.object({ accountId: id, teamId: id, ...teamFields }), async ({ db, actor }, { accountId, teamId, ...input }) => {
  await updateTeam(db, actor, accountId, teamId, input);
  return null;
});
export const deleteTeamAction = serverAction(z.object({ accountId: id, teamId: id }), async ({ db, actor }, { accountId, teamId }) => {
  await deleteTeam(db, actor, accountId, teamId);
  return null;
});
export const setTeamMembersAction = serverAction(z.object({ accountId: id, teamId: id, userIds: z.array(id).max(1000) }), async ({ db, actor }, { accountId, teamId, userIds }) => {
  await changeTeamMembers(db, actor, accountId, teamId, "replace", { userIds });
  return null;
});

// Settings → Custom attributes.
const definitionFields = {
  attributeDisplayName: text(255),
  attributeDescription: text(2000),
  attributeDisplayType: z.enum(["text", "number", "currency", "percent", "link", "date", "list", "checkbox"]),
  attributeValues: z.array(text(255)).max(200),
  regexPattern: text(500),
  regexCue: text(500),
};
export const createDefinitionAction = serverAction(
  z.object({ accountId: id, attributeKey: text(255), attributeModel: z.enum(["conversation_attribute", "contact_attribute"]), ...definitionFields }),
  async ({ db, actor }, { accountId, ...input }) => {
    const definition = await createDefinition(db, actor, accountId, input);
    return { id: definition.id };
  },
);
export const updateDefinitionAction = serverAction(z.object({ accountId: id, definitionId: id, ...definitionFields }), async ({ db, actor }, { accountId, definitionId, ...input }) => {
  await updateDefinition(db, actor, accountId, definitionId, input);
  return null;
});
export const deleteDefinitionAction = serverAction(z.object({ accountId: id, definitionId: id }), async ({ db, actor }, { accountId, definitionId }) => {
  await deleteDefinition(db, actor, accountId, definitionId);
  return null;
});

// The conversation screen: labels, team, priority and custom attributes of one conversation.
export const setConversationLabelsAction = serverAction(z.object({ accountId: id, displayId: id, labels: z.array(text(255)).max(100) }), async ({ db, actor }, { accountId, displayId, labels }) => {
  await changeConversationLabels(db, actor, accountId, displayId, { set: labels });
  return null;
});
export const assignTeamAction = serverAction(z.object({ accountId: id, displayId: id, teamId: id.nullable() }), async ({ db, actor }, { accountId, displayId, teamId }) => {
  await assignTeam(db, actor, accountId, displayId, { teamId });
  return null;
});
export const updatePriorityAction = serverAction(
  z.object({ accountId: id, displayId: id, priority: z.enum(["urgent", "high", "medium", "low"]).nullable() }),
  async ({ db, actor }, { accountId, displayId, priority }) => {
    await updatePriority(db, actor, accountId, displayId, { priority });
    return null;
  },
);
const attributeValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
export const setConversationAttributeAction = serverAction(
  z.object({ accountId: id, displayId: id, key: text(255), value: attributeValue }),
  async ({ db, actor }, { accountId, displayId, key, value }) => {
    await updateConversationAttributes(db, actor, accountId, displayId, value === null ? { customAttributes: {}, merge: true, remove: [key] } : { customAttributes: { [key]: value }, merge: true });
    return null;
  },
);
export const setContactLabelsAction = serverAction(z.object({ accountId: id, contactId: id, labels: z.array(text(255)).max(100) }), async ({ db, actor }, { accountId, contactId, labels }) => {
  await changeContactLabels(db, actor, accountId, contactId, { set: labels });
  return null;
});
export const setContactAttributeAction = serverAction(
  z.object({ accountId: id, contactId: id, key: text(255), value: attributeValue }),
  async ({ db, actor }, { accountId, contactId, key, value }) => {
    await updateContactAttributes(db, actor, accountId, contactId, { key, value });
    return null;
  },
);
