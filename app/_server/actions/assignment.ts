"use server";

import { z } from "zod";
import { updateInbox } from "@/lib/inboxes/inboxes";
import { serverAction } from "../action";

const id = z.number().int().positive();

/** Inbox settings → Assignment: the switch and the capacity per agent (blank: no limit). */
export const updateInboxAssignmentAction = serverAction(
  z.object({ accountId: id, inboxId: id, enableAutoAssignment: z.boolean(), autoAssignmentLimit: z.number().int().nullable() }),
  async ({ db, actor }, { accountId, inboxId, ...settings }) => {
    const inbox = await updateInbox(db, actor, accountId, inboxId, settings);
    return { enableAutoAssignment: inbox.enableAutoAssignment, autoAssignmentLimit: inbox.autoAssignmentLimit };
  },
);
