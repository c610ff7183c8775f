"use server";

import { z } from "zod";
import { cannedResponsesForConversation, createCannedResponse, deleteCannedResponse, updateCannedResponse } from "@/lib/canned-responses/manage";
import { serverAction } from "../action";

const id = z.number().int().positive();
const fields = { shortCode: z.string().max(100), content: z.string().max(20_000) };

/** Settings → Canned responses (the domain checks who may edit). */
export const createCannedResponseAction = serverAction(z.object({ accountId: id, ...fields }), async ({ db, actor }, { accountId, shortCode, content }) => {
  const row = await createCannedResponse(db, actor, accountId, { short_code: shortCode, content });
  return { id: row.id };
});

export const updateCannedResponseAction = serverAction(z.object({ accountId: id, responseId: id, ...fields }), async ({ db, actor }, { accountId, responseId, shortCode, content }) => {
  await updateCannedResponse(db, actor, accountId, responseId, { short_code: shortCode, content });
  return null;
});

export const deleteCannedResponseAction = serverAction(z.object({ accountId: id, responseId: id }), async ({ db, actor }, { accountId, responseId }) => {
  await deleteCannedResponse(db, actor, accountId, responseId);
  return null;
});

/** The composer's `/` picker: matching responses with the conversation's variables filled (reads only). */
export const pickCannedResponsesAction = serverAction(
  z.object({ accountId: id, displayId: id, search: z.string().max(200) }),
  async ({ db, actor }, { accountId, displayId, search }) => cannedResponsesForConversation(db, actor, accountId, displayId, search),
  { refresh: false },
);
