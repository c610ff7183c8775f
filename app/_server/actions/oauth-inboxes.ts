"use server";

import { z } from "zod";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import { serverAction } from "../action";

const id = z.number().int().positive();

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
  }),
  async ({ db, actor }, { accountId, ...params }) => startOAuthInbox(db, actor, accountId, params),
  { refresh: false },
);
