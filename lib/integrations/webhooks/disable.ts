import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountUsers, users, webhooks } from "@/db/schema";
import { sendAccountMail } from "@/lib/accounts/account-mail";
import { appUrl } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { notifyAdministrators } from "@/lib/notifications/create-notification";
import { errorText } from "@/lib/storable-text";
import { deliveryTiming } from "../delivery/timing";

const log = createLogger("webhooks");

/** An attempt to this webhook failed: its failing streak starts now unless it already runs. */
export async function markWebhookFailing(db: DbOrTx, scope: { accountId: number; webhookId: number }): Promise<void> {
  await db
    .update(webhooks)
    .set({ failingSince: sql`coalesce(${webhooks.failingSince}, now())` })
    .where(and(eq(webhooks.accountId, scope.accountId), eq(webhooks.id, scope.webhookId), isNull(webhooks.failingSince)));
}

/**
 * A delivery to this webhook failed for good. When nothing it was sent has been accepted for
 * longer than the disable threshold (5 days), it is disabled and every administrator is told:
 * a bell notification and an email through the account's outgoing mail. Only the transition
 * notifies (the conditional UPDATE), so a backlog of failing deliveries tells them once.
 */
export async function disableFailingWebhook(db: DbOrTx, scope: { accountId: number; webhookId: number }, reason: string): Promise<boolean> {
  const threshold = new Date(Date.now() - deliveryTiming().disableAfterMs);
  const disabled = await inTransaction(db, async (tx, afterCommit) => {
    await markWebhookFailing(tx, scope);
    const words = errorText(`Deliveries kept failing since it was last reachable. Last error: ${reason}`);
    const [row] = await tx
      .update(webhooks)
      .set({ disabledAt: new Date(), disabledReason: words, updatedAt: new Date() })
      .where(
        and(
          eq(webhooks.accountId, scope.accountId),
          eq(webhooks.id, scope.webhookId),
          isNull(webhooks.disabledAt),
          sql`${webhooks.failingSince} <= ${threshold.toISOString()}::timestamptz`,
        ),
      )
      .returning();
    if (!row) return null;
    await notifyAdministrators(tx, afterCommit, {
      accountId: scope.accountId,
      notificationType: "webhook_disabled",
      title: `Webhook ${row.name || row.url} was disabled`,
      body: words,
    });
    return row;
  });
  if (!disabled) return false;
  await emailAdministrators(scope.accountId, disabled.name || disabled.url, disabled.disabledReason ?? reason);
  return true;
}

async function emailAdministrators(accountId: number, label: string, reason: string): Promise<void> {
  const db = getDb();
  const admins = await db
    .select({ email: users.email })
    .from(accountUsers)
    .innerJoin(users, eq(users.id, accountUsers.userId))
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.role, "administrator")));
  const link = `${appUrl()}/app/accounts/${accountId}/settings/integrations/webhooks`;
  for (const admin of admins) {
    try {
      await sendAccountMail(db, {
        accountId,
        kind: "webhook_disabled",
        to: admin.email,
        subject: `Webhook disabled: ${label}`,
        text: `Postdesk stopped sending events to the webhook ${label} because its deliveries have been failing for days.\n\n${reason}\n\nFix the receiver, then re-enable the webhook and redeliver what failed: ${link}\n`,
      });
    } catch (error) {
      log.warn("could not email an administrator about a disabled webhook", { accountId, error: errorText(error) });
    }
  }
}
