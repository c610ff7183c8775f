"use server";

import { z } from "zod";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/mark-read";
import { serverAction } from "../action";

const id = z.number().int().positive();

/** The bell: opening a notification marks it read. */
export const markNotificationReadAction = serverAction(
  z.object({ accountId: id, notificationId: id }),
  async ({ db, actor }, { accountId, notificationId }) => {
    const notification = await markNotificationRead(db, actor, accountId, notificationId);
    return { id: notification.id };
  },
);

export const markAllNotificationsReadAction = serverAction(z.object({ accountId: id }), async ({ db, actor }, { accountId }) => ({
  marked: await markAllNotificationsRead(db, actor, accountId),
}));
