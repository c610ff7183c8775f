"use server";

import { z } from "zod";
import { setCsatConfig } from "@/lib/csat/config";
import { setCsatSurveyEnabled } from "@/lib/csat/settings";
import { serverAction } from "../action";

const id = z.number().int().positive();

/** Inbox settings → Customer satisfaction: the switch, and the survey's message and look (Chatwoot's csat_config). */
export const saveInboxCsatAction = serverAction(
  z.object({ accountId: id, inboxId: id, enabled: z.boolean(), displayType: z.enum(["emoji", "star"]), message: z.string() }),
  async ({ db, actor }, { accountId, inboxId, enabled, displayType, message }) => {
    // The domain checks the message first: a refused one changes nothing.
    const config = await setCsatConfig(db, actor, accountId, inboxId, { display_type: displayType, message });
    await setCsatSurveyEnabled(db, actor, accountId, inboxId, enabled);
    return { enabled, config };
  },
);
