"use client";

import { useEffect, useRef, useState } from "react";
import type { AttachmentInfo } from "@/lib/messages/get-attachment";
import type { MessageDetails } from "@/lib/messages/types";
import type { MessagePayload, Wire } from "@/lib/realtime/payloads";
import { MessageWithFiles } from "@/components/composer/message-files";
import { useLive, useLiveEvents } from "@/components/realtime/live-refresh";
import { EmailCard, type EmailView } from "./email-card";
import { messageFromWire } from "./from-wire";
import { Activity, Bubble } from "./message-item";
import { MessageText } from "@/components/composer/message-text";
import { applyFetchedMessage, applyMessageEvent, needsFetch, tailMessages, type LiveMessage } from "./thread-patch";

/**
 * The end of the open thread: messages that arrived by live event, shown at once, without a
 * server render of the screen. A message the event cannot carry (an incoming email, whose card
 * the server prepares; a `partial` payload) is fetched alone from the message route; if that
 * fails for another reason than "not found" the screen is re-rendered instead. Scrolls to the
 * newest like ScrollAnchor does; the composer is outside and never re-rendered by this.
 */
export function LiveThreadTail({ accountId, displayId, shownIds, contactName }: { accountId: number; displayId: number; shownIds: number[]; contactName: string }) {
  const [arrived, setArrived] = useState<ReadonlyMap<number, LiveMessage>>(new Map());
  const [views, setViews] = useState<ReadonlyMap<number, EmailView>>(new Map());
  const fetching = useRef(new Set<number>());
  const refresh = useLive()?.refresh;

  const fetchMessage = (id: number) => {
    if (fetching.current.has(id)) return;
    fetching.current.add(id);
    fetch(`/api/accounts/${accountId}/messages/${id}`, { headers: { accept: "application/json" } })
      .then(async (response) => {
        // Gone, or no longer visible: nothing to show.
        if (response.status === 404) return;
        if (!response.ok) throw new Error(`message ${id}: ${response.status}`);
        const body = (await response.json()) as { message: Wire<MessageDetails>; email: EmailView | null; attachments?: AttachmentInfo[] };
        const email = body.email;
        if (email) setViews((current) => new Map(current).set(id, email));
        setArrived((current) => applyFetchedMessage(current, { ...messageFromWire(body.message), attachments: body.attachments }));
      })
      .catch(() => refresh?.())
      .finally(() => fetching.current.delete(id));
  };

  useLiveEvents((name, data) => {
    if (name !== "message.created" && name !== "message.updated") return;
    const p = data as MessagePayload;
    if (p.accountId !== accountId || p.conversationDisplayId !== displayId || !p.message) return;
    if (needsFetch(arrived, name, p) && !shownIds.includes(p.message.id)) fetchMessage(p.message.id);
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
      {tail.map((m) => {
        if (m.messageType === "activity") return <Activity key={m.id} m={m} />;
        const view = m.contentType === "incoming_email" ? views.get(m.id) : undefined;
        return <Bubble key={m.id} m={m} contactName={contactName} body={view ? <EmailCard accountId={accountId} messageId={m.id} view={view} /> : <MessageWithFiles accountId={accountId} content={<MessageText m={m} />} files={m.attachments ?? []} />} />;
      })}
    </>
  );
}
