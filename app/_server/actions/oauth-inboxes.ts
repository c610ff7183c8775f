"use server";

import { z } from "zod";
import { updateOAuthEmailApi } from "@/lib/inboxes/oauth-email-api";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import { serverAction } from "../action";

const id = z.number().int().positive();
/** Shape only: the domain validates the values (lib/mailbox/email-api/settings.ts). */
const emailApiFields = z.object({
  provider: z.enum(["mailgun"]).optional(),
  domain: z.string(),
  region: z.enum(["us", "eu", "custom"]).optional(),
  baseUrl: z.string().optional(),
  apiKey: z.string().optional(),
});

/**
 * "Authorize" (new Google / Microsoft 365 inbox) and "Reconnect" (inboxId): the provider's consent
 * URL, which the browser opens. The domain checks the role, the env and the transport.
 */
export const startOAuthInboxAction = serverAction(
  z.object({
    accountId: id,
    provider: z.enum(["google", "microsoft"]),
    transport: z.enum(["imap_smtp", "imap_api", "graph"]).optional(),
    email: z.string().optional(),
    name: z.string().optional(),
    inboxId: id.optional(),
    emailApi: emailApiFields.optional(),
  }),
  async ({ db, actor }, { accountId, ...params }) => startOAuthInbox(db, actor, accountId, params),
  { refresh: false },
);

/** The email API an imap_api inbox sends through; a blank key keeps the stored one. */
export const updateOAuthEmailApiAction = serverAction(
  z.object({ accountId: id, inboxId: id, emailApi: emailApiFields }),
  async ({ db, actor }, { accountId, inboxId, emailApi }) => updateOAuthEmailApi(db, actor, accountId, inboxId, emailApi),
);
