"use client";

import { useRouter } from "next/navigation";
import Pusher from "pusher-js";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { PusherClientConfig } from "@/lib/realtime/config";
import { isNewer } from "@/lib/realtime/payloads";

/** How long refresh requests are gathered before one refresh (a reconnection, an event no component can patch). */
const BATCH_MS = 25;
/** Events no component can patch from their payload: the screen is re-rendered. */
const UNPATCHABLE = new Set(["inbox.deleted"]);
/** Typing: not stored, not replayed, not for the patching components. */
const EPHEMERAL = new Set(["conversation.typing_on", "conversation.typing_off", "conversation.contact_typing"]);
/**
 * Recent events replayed to a component that subscribes later (a reply's status badge rendered
 * by the answer to the agent's action, a header after a navigation): its render may have been
 * read before an event that arrived before it mounted. Version checks make replays harmless.
 */
const REPLAY = { max: 200, ms: 60_000 };

/**
 * Is this tab showing the conversation a conversation.hidden is about (a custom role that narrows
 * what the viewer sees, and it is no longer theirs)? Then the page is re-rendered: it answers
 * "not found" now, and nothing else can patch a thread away.
 */
function showsHiddenConversation(data: unknown): boolean {
  const d = data as { accountId?: number; conversation?: { displayId?: number } } | null;
  const m = /^\/app\/accounts\/(\d+)\/(?:.+\/)?conversations\/(\d+)$/.exec(window.location.pathname);
  return m !== null && Number(m[1]) === d?.accountId && Number(m[2]) === d.conversation?.displayId;
}

/** The key of the item an event describes, for version ordering (conversation or message). */
function itemKey(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  const d = data as { conversation?: { id?: number }; message?: { id?: number }; conversationId?: number };
  if (d.message?.id !== undefined) return `m${d.message.id}`;
  if (d.conversation?.id !== undefined) return `c${d.conversation.id}`;
  if (d.conversationId !== undefined) return `r${d.conversationId}`;
  return null;
}

/**
 * Live refresh: subscribes pusher-js to the inbox channels the agent may see and their user
 * channel. Every event there goes to the components that patch themselves from its payload
 * (`useLiveEvents`: the list's rows, the open thread and its header, the counts, the bell); the
 * server never re-renders the screen for an event, so the cost of an event does not grow with the
 * number of connected agents and conversations. An event older than one already applied to the
 * same item (`version`) is dropped. The screen is re-rendered (router.refresh, batched) only when
 * a patch cannot be applied: after a dropped connection comes back (events were missed), for an
 * event in UNPATCHABLE, or when a component asks (`refresh` in the context). Without a Pusher
 * configuration it renders nothing and does nothing.
 */
export type LiveContext = {
  pusher: Pusher | null;
  accountId: number;
  me: { id: number; name: string };
  /** The viewer's custom role narrows what they see: their member channel replaces the inbox channels. */
  narrowed: boolean;
  /** Someone's role in the account narrows: typing also goes through the server to them (use-typing.ts). */
  relayTyping: boolean;
  /** Hands every domain event that passed the version check to `handler`; returns the unsubscribe. */
  subscribe: (handler: LiveEventHandler) => () => void;
  /** Re-renders the screen on the server (batched): for a change a component could not patch. */
  refresh: () => void;
};
/**
 * A domain event as published (lib/realtime/payloads.ts), already known to be newer than any
 * applied before; `replayed` when it arrived before the handler subscribed (see REPLAY).
 */
export type LiveEventHandler = (name: string, data: unknown, replayed?: boolean) => void;
const Live = createContext<LiveContext | null>(null);

/** The live connection for components that send or show ephemeral events (typing); null without one. */
export const useLive = (): LiveContext | null => useContext(Live);

export function LiveRefresh({
  config,
  channels,
  accountId,
  me,
  narrowed = false,
  relayTyping = false,
  children,
}: {
  config: PusherClientConfig | null;
  channels: string[];
  accountId: number;
  me: { id: number; name: string };
  narrowed?: boolean;
  relayTyping?: boolean;
  children: ReactNode;
}) {
  const [pusherState, setPusher] = useState<Pusher | null>(null);
  const router = useRouter();
  // The router changes identity across navigations; the connection must not.
  const routerRef = useRef(router);
  routerRef.current = router;
  // Props are new objects after every server render: compare by value so refreshes never reconnect.
  const channelKey = channels.join(",");
  const configKey = config ? JSON.stringify(config) : "";
  // Components patching themselves from payloads (the list, the open thread); the set outlives reconnections.
  const handlers = useRef(new Set<LiveEventHandler>()).current;
  const recent = useRef<{ at: number; name: string; data: unknown }[]>([]).current;
  const subscribe = useCallback(
    (handler: LiveEventHandler) => {
      handlers.add(handler);
      const since = Date.now() - REPLAY.ms;
      for (const event of recent) {
        if (event.at < since) continue;
        try {
          handler(event.name, event.data, true);
        } catch (error) {
          console.error("live event handler failed", event.name, error);
        }
      }
      return () => void handlers.delete(handler);
    },
    [handlers, recent],
  );
  const timer = useRef<number | undefined>(undefined);
  const refresh = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      routerRef.current.refresh();
    }, BATCH_MS);
  }, []);

  useEffect(() => {
    if (!configKey) return;
    const config = JSON.parse(configKey) as PusherClientConfig;
    const pusher = new Pusher(config.key, {
      cluster: config.cluster,
      wsHost: config.wsHost,
      wsPort: config.wsPort,
      wssPort: config.wsPort,
      forceTLS: config.forceTLS,
      enabledTransports: ["ws", "wss"],
      channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
      // The connection signs in as the session's user: revoking access closes it (lib/realtime/revoke.ts)
      // and client events (typing) carry who sent them.
      userAuthentication: { endpoint: "/api/pusher/user-auth", transport: "ajax" },
    });
    pusher.signin();
    const versions = new Map<string, number>();
    const onEvent = (name: string, data: unknown) => {
      // client-* events (typing) come from other browsers and change nothing stored; typing the
      // server relays neither (use-typing.ts reads both from the connection's frames).
      if (name.startsWith("pusher:") || name.startsWith("client-") || EPHEMERAL.has(name)) return;
      const key = itemKey(data);
      const version = (data as { version?: unknown } | null)?.version;
      if (key && typeof version === "number") {
        if (!isNewer(version, versions.get(key))) return;
        versions.set(key, version);
      }
      recent.push({ at: Date.now(), name, data });
      if (recent.length > REPLAY.max) recent.splice(0, recent.length - REPLAY.max);
      // Patch what is on screen; only what no component can patch re-renders the screen.
      for (const handler of handlers) {
        try {
          handler(name, data);
        } catch (error) {
          console.error("live event handler failed", name, error);
        }
      }
      if (UNPATCHABLE.has(name) || (name === "conversation.hidden" && showsHiddenConversation(data))) refresh();
    };
    const names = channelKey.split(",").filter(Boolean);
    // `<html data-live-channels="subscribed">` once every channel is authorized and joined: before
    // that, events (and typing sent from this tab) would be missed, so tests wait for it.
    const subscribed = new Set<string>();
    for (const name of names) {
      const channel = pusher.subscribe(name);
      channel.bind_global(onEvent);
      channel.bind("pusher:subscription_succeeded", () => {
        subscribed.add(name);
        if (subscribed.size === names.length) document.documentElement.dataset.liveChannels = "subscribed";
      });
    }

    // Any connection after the first is a reconnection (after `unavailable`, or a quick redial
    // that never got there): events published in between are lost, so refetch the screen.
    let hasConnected = false;
    let closing = false;
    let redial: number | undefined;
    pusher.connection.bind("state_change", ({ current }: { previous: string; current: string }) => {
      document.documentElement.dataset.live = current;
      // Closed by the server (access revoked, signed in elsewhere): dial again, which re-asks
      // /api/pusher/auth for every channel; only what is still allowed comes back.
      if (current === "disconnected" && !closing) redial = window.setTimeout(() => pusher.connect(), 5_000);
      if (current !== "connected") return;
      if (hasConnected) refresh();
      hasConnected = true;
    });
    setPusher(pusher);
    return () => {
      closing = true;
      setPusher(null);
      window.clearTimeout(redial);
      pusher.disconnect();
      delete document.documentElement.dataset.live;
      delete document.documentElement.dataset.liveChannels;
    };
  }, [configKey, channelKey, handlers, recent, refresh]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const value = useMemo(
    () => ({ pusher: pusherState, accountId, me, narrowed, relayTyping, subscribe, refresh }),
    [pusherState, accountId, me, narrowed, relayTyping, subscribe, refresh],
  );
  return <Live.Provider value={value}>{children}</Live.Provider>;
}

/**
 * Calls `handler` with every domain event of the live connection (name, payload) that is newer
 * than what was applied to its item; nothing without a connection. The latest handler is used,
 * so it may close over props and state.
 */
export function useLiveEvents(handler: LiveEventHandler): void {
  const live = useContext(Live);
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const subscribe = live?.subscribe;
  useEffect(() => subscribe?.((name, data, replayed) => ref.current(name, data, replayed)), [subscribe]);
}
