"use server";

import { z } from "zod";
import { createApiInbox, updateInbox } from "@/lib/inboxes/inboxes";
import { rotateApiInboxCredential } from "@/lib/inboxes/rotate-api-credential";
import { serverAction } from "../action";

const id = z.number().int().positive();
const apiSettings = {
  webhookUrl: z.string().max(2000),
  hmacMandatory: z.boolean(),
  allowMessagesAfterResolved: z.boolean(),
};

/** The API channel wizard: name, callback URL and the identity setting at once. */
export const createApiInboxAction = serverAction(
  z.object({ accountId: id, name: z.string(), ...apiSettings }),
  async ({ db, actor }, { accountId, ...input }) => {
    const inbox = await createApiInbox(db, actor, accountId, input);
    return { id: inbox.id };
  },
);

/** The API channel card of an inbox's settings (administrators). */
export const updateApiInboxAction = serverAction(
  z.object({ accountId: id, inboxId: id, ...apiSettings }),
  async ({ db, actor }, { accountId, inboxId, ...input }) => {
    const inbox = await updateInbox(db, actor, accountId, inboxId, input);
    return { webhookUrl: inbox.api?.webhookUrl ?? null };
  },
);

/** "Rotate" beside the HMAC token or the webhook secret on the API channel card (administrators). */
export const rotateApiInboxCredentialAction = serverAction(
  z.object({ accountId: id, inboxId: id, credential: z.enum(["hmac_token", "secret"]) }),
  ({ db, actor }, { accountId, inboxId, credential }) => rotateApiInboxCredential(db, actor, accountId, inboxId, credential),
);
