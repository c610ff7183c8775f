"use client";

import { useEffect, useState } from "react";
import type { MessageDetails } from "@/lib/messages/types";
import type { MessagePayload } from "@/lib/realtime/payloads";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { Activity, Bubble } from "./message-item";
import { applyMessageEvent, tailMessages } from "./thread-patch";

/**
 * The end of the open thread: messages that arrived by live event, shown at once (the server's
 * render replaces them when the refresh lands). Scrolls to the newest like ScrollAnchor does; the
 * composer is outside and never re-rendered by this.
 */
export function LiveThreadTail({ accountId, displayId, shownIds, contactName }: { accountId: number; displayId: number; shownIds: number[]; contactName: string }) {
  const [arrived, setArrived] = useState<ReadonlyMap<number, MessageDetails>>(new Map());
  useLiveEvents((name, data) => {
    if (name !== "message.created" && name !== "message.updated") return;
    const p = data as MessagePayload;
    if (p.accountId !== accountId || p.conversationDisplayId !== displayId || !p.message) return;
    setArrived((current) => applyMessageEvent(current, name, p));
  });
  const tail = tailMessages(arrived, shownIds);
  const lastId = tail.at(-1)?.id;
  useEffect(() => {
    if (lastId === undefined) return;
    const item = document.querySelector(`[data-message-id="${lastId}"]`);
    const scroller = item?.closest("section[aria-label='Messages']");
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [lastId]);
  return (
    <>
      {tail.map((m) =>
        m.messageType === "activity" ? <Activity key={m.id} m={m} /> : <Bubble key={m.id} m={m} contactName={contactName} body={m.content} />,
      )}
    </>
  );
}
