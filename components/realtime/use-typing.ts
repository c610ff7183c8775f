"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { inboxChannel } from "@/lib/realtime/channels";
import { useLive } from "./live-refresh";

/** Sent as Pusher client events on the inbox channel: only the inbox's agents receive them. */
const TYPING_ON = "client-conversation.typing_on";
const TYPING_OFF = "client-conversation.typing_off";
type TypingEvent = { displayId: number; user: { id: number; name: string }; private: boolean };

/** A typing_on is repeated while typing; silence for this long means they stopped. */
const REPEAT_MS = 3_000;
const EXPIRE_MS = 7_000;

export type Typer = { id: number; name: string; private: boolean };

/**
 * Typing indicators for one conversation: `typing(isNote)` on each keystroke (sent at most every
 * 3 s), `stopped()` on send or blur; `typers` are the other agents typing there now.
 */
export function useTyping(inboxId: number, displayId: number): { typers: Typer[]; typing: (isNote: boolean) => void; stopped: () => void } {
  const live = useLive();
  const pusher = live?.pusher ?? null;
  const channelName = live ? inboxChannel(live.accountId, inboxId) : null;
  const me = live?.me;
  const [typers, setTypers] = useState<Array<Typer & { until: number }>>([]);
  const lastSent = useRef(0);

  useEffect(() => {
    if (!pusher || !channelName) return;
    const channel = pusher.channel(channelName) ?? pusher.subscribe(channelName);
    const on = (e: TypingEvent) => {
      if (e.displayId !== displayId) return;
      setTypers((list) => [...list.filter((t) => t.id !== e.user.id), { ...e.user, private: e.private, until: Date.now() + EXPIRE_MS }]);
    };
    const off = (e: TypingEvent) => {
      if (e.displayId === displayId) setTypers((list) => list.filter((t) => t.id !== e.user.id));
    };
    channel.bind(TYPING_ON, on);
    channel.bind(TYPING_OFF, off);
    const sweep = window.setInterval(() => setTypers((list) => (list.some((t) => t.until < Date.now()) ? list.filter((t) => t.until >= Date.now()) : list)), 1_000);
    return () => {
      channel.unbind(TYPING_ON, on);
      channel.unbind(TYPING_OFF, off);
      window.clearInterval(sweep);
    };
  }, [pusher, channelName, displayId]);

  const send = useCallback(
    (event: string, isNote: boolean) => {
      const channel = pusher && channelName ? pusher.channel(channelName) : undefined;
      if (!channel?.subscribed || !me) return false;
      return channel.trigger(event, { displayId, user: me, private: isNote } satisfies TypingEvent);
    },
    [pusher, channelName, displayId, me],
  );
  const typing = useCallback(
    (isNote: boolean) => {
      if (Date.now() - lastSent.current < REPEAT_MS) return;
      // Not yet subscribed (page just opened, reconnecting): try again on the next keystroke.
      if (send(TYPING_ON, isNote)) lastSent.current = Date.now();
    },
    [send],
  );
  const stopped = useCallback(() => {
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    send(TYPING_OFF, false);
  }, [send]);

  return { typers: typers.map(({ id, name, private: p }) => ({ id, name, private: p })), typing, stopped };
}
