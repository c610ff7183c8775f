import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { createNotification, type NewNotification } from "./create-notification";
import { deliveryChoices, type NotificationKind } from "./settings";

/**
 * One notification of a kind the recipient chooses for (their notification settings): in the app
 * (the bell, live), by the email digest, both, or not at all. Returns whether anything was stored.
 */
export async function notifyAsChosen(
  tx: Tx,
  afterCommit: AfterCommit,
  input: Omit<NewNotification, "notificationType" | "emailPending" | "silent"> & { notificationType: NotificationKind },
): Promise<boolean> {
  const choice = (await deliveryChoices(tx, input.accountId, [input.userId], input.notificationType)).get(input.userId);
  if (!choice || (!choice.inApp && !choice.email)) return false;
  await createNotification(tx, afterCommit, { ...input, emailPending: choice.email, silent: !choice.inApp });
  return true;
}
