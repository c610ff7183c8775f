"use server";

import { z } from "zod";
import { deleteInbox } from "@/lib/inboxes/delete-inbox";
import { serverAction } from "../action";

const id = z.number().int().positive();

/**
 * No refresh here: the inbox's own page no longer exists. The client goes to the inboxes list
 * and refreshes there, which also redraws the sidebar.
 */
export const deleteInboxAction = serverAction(
  z.object({ accountId: id, inboxId: id }),
  async ({ db, actor }, { accountId, inboxId }) => {
    const deleted = await deleteInbox(db, actor, accountId, inboxId);
    return { deletedConversations: deleted.deletedConversations };
  },
  { refresh: false },
);
