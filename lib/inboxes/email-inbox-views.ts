import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { can } from "@/lib/accounts/permissions";
import { attachEmailDetails, type WithEmail } from "./email-channel-details";
import { getInbox, listInboxes, type InboxDetails } from "./inboxes";

/** listInboxes / getInbox with each email inbox's settings (no passwords) and health attached. */
export async function listInboxesWithEmail(db: DbOrTx, actor: Actor, accountId: number): Promise<WithEmail<InboxDetails>[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  return attachEmailDetails(db, accountId, can(access, "inbox_manage"), await listInboxes(db, actor, accountId));
}

export async function getInboxWithEmail(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<WithEmail<InboxDetails>> {
  const access = await requireAccountAccess(db, actor, accountId);
  const [inbox] = await attachEmailDetails(db, accountId, can(access, "inbox_manage"), [await getInbox(db, actor, accountId, inboxId)]);
  return inbox;
}
