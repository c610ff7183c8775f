"use server";

import { z } from "zod";
import { setCsatSurveyEnabled } from "@/lib/csat/settings";
import { serverAction } from "../action";

const id = z.number().int().positive();

/** Inbox settings → Customer satisfaction: the survey switch. */
export const setCsatSurveyEnabledAction = serverAction(z.object({ accountId: id, inboxId: id, enabled: z.boolean() }), async ({ db, actor }, { accountId, inboxId, enabled }) => {
  await setCsatSurveyEnabled(db, actor, accountId, inboxId, enabled);
  return { enabled };
});
