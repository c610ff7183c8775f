import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { accountUsers, notifications, type Notification, type NotificationType } from "@/db/schema";
import { notificationCreated } from "@/lib/realtime/emit";
import type { NotificationDetails } from "./types";

export type NewNotification = {
  accountId: number;
  userId: number;
  notificationType: NotificationType;
  conversation?: { id: number; displayId: number };
  inboxId?: number;
  title: string;
  body?: string;
  /** The recipient wants this kind by email: it waits for their next digest. */
  emailPending?: boolean;
  /** Not wanted in the app (email only): stored for the digest, read already, not announced. */
  silent?: boolean;
};

/** Bodies are a preview line in the bell, not the whole message. */
const BODY_CHARS = 280;
export const previewLine = (text: string | undefined) => {
  // Only the start is ever shown: never scan a whole long email.
  const line = (text ?? "").slice(0, 4 * BODY_CHARS).replace(/\s+/g, " ").trim();
  return line.length > BODY_CHARS ? `${line.slice(0, BODY_CHARS - 1)}…` : line;
};

const details = (row: Notification, conversationDisplayId: number | null): NotificationDetails => ({
  id: row.id,
  accountId: row.accountId,
  userId: row.userId,
  notificationType: row.notificationType,
  conversationId: row.conversationId,
  conversationDisplayId,
  inboxId: row.inboxId,
  title: row.title,
  body: row.body,
  readAt: row.readAt,
  createdAt: row.createdAt,
});

/**
 * Writes one notification inside the caller's transaction (one INSERT, so a hot path such as the
 * email import stays fast) and publishes `notification.created` on the recipient's own channel
 * after the outermost commit.
 */
export async function createNotification(tx: Tx, afterCommit: AfterCommit, input: NewNotification): Promise<void> {
  const [row] = await insertNotifications(tx, [input]);
  if (row && !input.silent) announceNotification(afterCommit, row, input);
}

/**
 * Several notifications in one INSERT (the email import's batch), rows in the order of the
 * inputs; the caller announces each (announceNotification) where its events belong.
 */
export async function insertNotifications(tx: Tx, inputs: NewNotification[]): Promise<Notification[]> {
  if (inputs.length === 0) return [];
  const rows = await tx
    .insert(notifications)
    .values(
      inputs.map((input) => ({
        accountId: input.accountId,
        userId: input.userId,
        notificationType: input.notificationType,
        conversationId: input.conversation?.id ?? null,
        inboxId: input.inboxId ?? null,
        title: input.title,
        body: previewLine(input.body),
        emailPending: input.emailPending ?? false,
        readAt: input.silent ? new Date() : null,
      })),
    )
    .returning();
  // Ids come from the sequence in the order of the VALUES rows.
  return rows.sort((a, b) => a.id - b.id);
}

/** notification.created on the recipient's own channel, after the outermost commit. */
export function announceNotification(afterCommit: AfterCommit, row: Notification, input: Pick<NewNotification, "conversation">): void {
  notificationCreated(afterCommit, details(row, input.conversation?.displayId ?? null));
}

/** The same notification for every administrator of the account, in one INSERT … SELECT. */
export async function notifyAdministrators(
  tx: Tx,
  afterCommit: AfterCommit,
  input: Omit<NewNotification, "userId" | "conversation">,
): Promise<number> {
  const rows = await tx
    .insert(notifications)
    .select(
      tx
        // Drizzle wants every column, in the table's order.
        .select({
          id: sql`nextval(pg_get_serial_sequence('notifications', 'id'))`.as("id"),
          accountId: accountUsers.accountId,
          userId: accountUsers.userId,
          notificationType: sql`${input.notificationType}::notification_type`.as("notification_type"),
          conversationId: sql`null::integer`.as("conversation_id"),
          inboxId: sql`${input.inboxId ?? null}::integer`.as("inbox_id"),
          title: sql`${input.title}`.as("title"),
          body: sql`${previewLine(input.body)}`.as("body"),
          readAt: sql`null::timestamptz`.as("read_at"),
          emailPending: sql`false`.as("email_pending"),
          createdAt: sql`now()`.as("created_at"),
        })
        .from(accountUsers)
        .where(and(eq(accountUsers.accountId, input.accountId), eq(accountUsers.role, "administrator"))),
    )
    .returning();
  for (const row of rows) notificationCreated(afterCommit, details(row, null));
  return rows.length;
}
