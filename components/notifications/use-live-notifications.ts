"use client";

import { useEffect, useState } from "react";
import { useLive } from "@/components/realtime/live-refresh";
import { userChannel } from "@/lib/realtime/channels";
import type { NotificationPayload } from "@/lib/realtime/payloads";
import { toBellItem, type BellItem } from "./types";

/**
 * Notifications that arrived on the user's channel since the bell was rendered, newest first.
 * LiveRefresh owns the connection; this binds `notification.created`, so the bell's list and count
 * move the moment the event lands, without a server render. Items a later render already shows
 * are dropped by the caller (same id), so nothing is counted twice. A notification about an inbox
 * (reconnect needed, administrators only, once per transition) re-renders the screen: the layout's
 * reconnect banner is server-rendered.
 * `<html data-notifications="subscribed">` tells tests the user channel is ready.
 */
export function useLiveNotifications(accountId: number): BellItem[] {
  const live = useLive();
  const pusher = live?.pusher ?? null;
  const userId = live?.me.id;
  const refresh = live?.refresh;
  const [arrived, setArrived] = useState<BellItem[]>([]);

  useEffect(() => {
    if (!pusher || userId === undefined) return;
    const name = userChannel(userId);
    const channel = pusher.channel(name) ?? pusher.subscribe(name);
    const onCreated = (data: NotificationPayload) => {
      // The user channel is shared by all the user's accounts.
      if (data.accountId !== accountId) return;
      const item = toBellItem(data.notification);
      setArrived((list) => (list.some((i) => i.id === item.id) ? list : [item, ...list].slice(0, 50)));
      if (data.notification.inboxId !== null && data.notification.conversationId === null) refresh?.();
    };
    const onSubscribed = () => {
      document.documentElement.dataset.notifications = "subscribed";
    };
    if (channel.subscribed) onSubscribed();
    channel.bind("notification.created", onCreated);
    channel.bind("pusher:subscription_succeeded", onSubscribed);
    return () => {
      channel.unbind("notification.created", onCreated);
      channel.unbind("pusher:subscription_succeeded", onSubscribed);
    };
  }, [pusher, userId, accountId, refresh]);

  return arrived;
}
