"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { relayTypingAction } from "@/app/_server/actions/typing";
import { inboxChannel, memberChannel } from "@/lib/realtime/channels";
import { useLive } from "./live-refresh";
import { TYPING_OFF, TYPING_ON, parseContactTypingFrame, parseRelayedTypingFrame, parseTypingFrame, type TypingPayload } from "./typing-event";

/** A typing_on is repeated while typing; silence for this long means they stopped. */
const REPEAT_MS = 3_000;
const EXPIRE_MS = 7_000;

export type Typer = { id: number; name: string; private: boolean };

/**
 * Typing indicators for one conversation: `typing(isNote)` on each keystroke (sent at most every
 * 3 s), `stopped()` on send or blur; `typers` are the other agents typing there now. Who is typing
 * is the sender the realtime server stamped on the event (typing-event.ts), named from `members`
 * (the account's agents the page already has), never from the payload. `contactTyping`: the
 * conversation's contact is typing (Client API toggle_typing, published by the server).
 *
 * A member whose custom role narrows what they see has no inbox channel: they hear typing on
 * their member channel and send theirs through the server (`relayTypingAction`), which passes it
 * to the inbox channel; in an account with such members (`live.relayTyping`) everyone else's
 * typing also goes through the server to them (lib/realtime/typing.ts).
 */
export function useTyping(
  inboxId: number,
  displayId: number,
  members: ReadonlyArray<{ id: number; name: string }> = [],
): { typers: Typer[]; contactTyping: boolean; typing: (isNote: boolean) => void; stopped: () => void } {
  const live = useLive();
  const pusher = live?.pusher ?? null;
  const narrowed = live?.narrowed ?? false;
  const relay = live?.relayTyping ?? false;
  const accountId = live?.accountId;
  const myId = live?.me.id;
  const channelName = live ? (narrowed ? memberChannel(live.accountId, live.me.id) : inboxChannel(live.accountId, inboxId)) : null;
  const [typers, setTypers] = useState<Array<{ id: number; private: boolean; until: number }>>([]);
  const [contactUntil, setContactUntil] = useState(0);
  const lastSent = useRef(0);
  const lastPrivate = useRef(false);

  useEffect(() => {
    if (!pusher || !channelName) return;
    if (!pusher.channel(channelName)) pusher.subscribe(channelName);
    // pusher-js hands a private channel's listeners the data only: the stamped sender is in the frame.
    const onMessage = (frame: unknown) => {
      const contact = parseContactTypingFrame(frame, channelName);
      if (contact) {
        if (contact.displayId === displayId) setContactUntil(contact.on ? Date.now() + EXPIRE_MS : 0);
        return;
      }
      const event = parseTypingFrame(frame, channelName) ?? parseRelayedTypingFrame(frame, channelName);
      if (!event || event.displayId !== displayId || event.userId === myId) return;
      setTypers((list) => {
        const others = list.filter((t) => t.id !== event.userId);
        return event.on ? [...others, { id: event.userId, private: event.private, until: Date.now() + EXPIRE_MS }] : others;
      });
    };
    pusher.connection.bind("message", onMessage);
    const sweep = window.setInterval(() => {
      setTypers((list) => (list.some((t) => t.until < Date.now()) ? list.filter((t) => t.until >= Date.now()) : list));
      // A client that never sends typing off stops showing after the same silence as an agent.
      setContactUntil((until) => (until !== 0 && until < Date.now() ? 0 : until));
    }, 1_000);
    return () => {
      pusher.connection.unbind("message", onMessage);
      window.clearInterval(sweep);
    };
  }, [pusher, channelName, displayId, myId]);

  const send = useCallback(
    (event: string, isNote: boolean) => {
      const channel = pusher && channelName ? pusher.channel(channelName) : undefined;
      if (!channel?.subscribed || accountId === undefined) return false;
      // Best effort, like the client event: a lost one is corrected by the next or by expiry.
      if (relay || narrowed) relayTypingAction({ accountId, displayId, typing: event === TYPING_ON, isPrivate: isNote }).catch(() => {});
      return narrowed ? true : channel.trigger(event, { displayId, private: isNote } satisfies TypingPayload);
    },
    [pusher, channelName, displayId, accountId, relay, narrowed],
  );
  const typing = useCallback(
    (isNote: boolean) => {
      // Switching between reply and private note is news at once: the others see which one it is.
      if (Date.now() - lastSent.current < REPEAT_MS && isNote === lastPrivate.current) return;
      // Not yet subscribed (page just opened, reconnecting): try again on the next keystroke.
      if (send(TYPING_ON, isNote)) {
        lastSent.current = Date.now();
        lastPrivate.current = isNote;
      }
    },
    [send],
  );
  const stopped = useCallback(() => {
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    send(TYPING_OFF, false);
  }, [send]);

  const nameOf = (id: number) => members.find((m) => m.id === id)?.name ?? "A teammate";
  return { typers: typers.map((t) => ({ id: t.id, name: nameOf(t.id), private: t.private })), contactTyping: contactUntil !== 0, typing, stopped };
}
