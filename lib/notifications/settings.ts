import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { notificationSettings } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { invalid } from "@/lib/errors";

/**
 * The kinds an agent chooses for, with Chatwoot's flag names: `email_<kind>` (a digest) and
 * `push_<kind>` (in the app: the bell, live).
 */
export const NOTIFICATION_KINDS = [
  "conversation_creation",
  "conversation_assignment",
  "conversation_mention",
  "assigned_conversation_new_message",
  "participating_conversation_new_message",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const ALL_EMAIL_FLAGS = NOTIFICATION_KINDS.map((k) => `email_${k}`);
export const ALL_PUSH_FLAGS = NOTIFICATION_KINDS.map((k) => `push_${k}`);
// Without a choice: told in the app of everything but new conversations; no email (Chatwoot's defaults are similar).
export const DEFAULT_PUSH = ALL_PUSH_FLAGS.filter((f) => f !== "push_conversation_creation");
export const DEFAULT_EMAIL: string[] = [];

export type NotificationSettingsDetails = { id: number | null; accountId: number; userId: number; emailFlags: string[]; pushFlags: string[] };

export async function getNotificationSettings(db: DbOrTx, actor: Actor, accountId: number): Promise<NotificationSettingsDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.userId === null) throw invalid("Notification settings belong to a user");
  return settingsOf(db, accountId, access.userId);
}

export async function settingsOf(db: DbOrTx, accountId: number, userId: number): Promise<NotificationSettingsDetails> {
  const [row] = await db
    .select()
    .from(notificationSettings)
    .where(and(eq(notificationSettings.accountId, accountId), eq(notificationSettings.userId, userId)));
  if (!row) return { id: null, accountId, userId, emailFlags: DEFAULT_EMAIL, pushFlags: DEFAULT_PUSH };
  return { id: row.id, accountId, userId, emailFlags: row.emailFlags, pushFlags: row.pushFlags };
}

export const updateNotificationSettingsInput = z.object({
  emailFlags: z.array(z.enum(ALL_EMAIL_FLAGS as [string, ...string[]])).optional(),
  pushFlags: z.array(z.enum(ALL_PUSH_FLAGS as [string, ...string[]])).optional(),
});
export type UpdateNotificationSettingsInput = z.input<typeof updateNotificationSettingsInput>;

/** The caller's own choices; flags not sent keep their value. */
export async function updateNotificationSettings(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: UpdateNotificationSettingsInput,
): Promise<NotificationSettingsDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.userId === null) throw invalid("Notification settings belong to a user");
  const input = parseInput(updateNotificationSettingsInput, params);
  const current = await settingsOf(db, accountId, access.userId);
  const emailFlags = [...new Set(input.emailFlags ?? current.emailFlags)];
  const pushFlags = [...new Set(input.pushFlags ?? current.pushFlags)];
  await db
    .insert(notificationSettings)
    .values({ accountId, userId: access.userId, emailFlags, pushFlags })
    .onConflictDoUpdate({
      target: [notificationSettings.accountId, notificationSettings.userId],
      set: { emailFlags, pushFlags, updatedAt: sql`now()` },
    });
  return settingsOf(db, accountId, access.userId);
}

/** How each of `userIds` wants to hear of `kind`: in the app, by email, both or neither. One query. */
export async function deliveryChoices(
  db: DbOrTx,
  accountId: number,
  userIds: number[],
  kind: NotificationKind,
): Promise<Map<number, { inApp: boolean; email: boolean }>> {
  const choices = new Map(userIds.map((id) => [id, { inApp: DEFAULT_PUSH.includes(`push_${kind}`), email: DEFAULT_EMAIL.includes(`email_${kind}`) }]));
  if (userIds.length === 0) return choices;
  const rows = await db
    .select({ userId: notificationSettings.userId, emailFlags: notificationSettings.emailFlags, pushFlags: notificationSettings.pushFlags })
    .from(notificationSettings)
    .where(and(eq(notificationSettings.accountId, accountId), inArray(notificationSettings.userId, userIds)));
  for (const r of rows) choices.set(r.userId, { inApp: r.pushFlags.includes(`push_${kind}`), email: r.emailFlags.includes(`email_${kind}`) });
  return choices;
}
