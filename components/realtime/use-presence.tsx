"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { presenceHeartbeatAction } from "@/app/_server/actions/presence";
import { AvatarStatus, type Availability } from "@/components/ui/avatar-status";
import { accountChannel } from "@/lib/realtime/channels";
import { isNewer, type PresencePayload } from "@/lib/realtime/payloads";
import { useLive } from "./live-refresh";

type Entry = { availability: Availability; version: number };

/** How often an open tab says "someone is here" (lib/accounts/presence-heartbeat.ts). */
const HEARTBEAT_MS = 60_000;

/**
 * Agents' availability as changed since the screen was rendered: `presence.update` events (and
 * the user's own choice, applied at once) patch it, newest version per user wins. Components
 * show what the server rendered until an event about that user arrives.
 */
class PresenceStore {
  private entries = new Map<number, Entry>();
  private listeners = new Set<() => void>();

  get = (userId: number): Entry | undefined => this.entries.get(userId);

  apply(userId: number, availability: Availability, version: number): void {
    if (!isNewer(version, this.entries.get(userId)?.version)) return;
    this.entries.set(userId, { availability, version });
    for (const listener of this.listeners) listener();
  }

  /** After a dropped connection the screen is refetched: what it renders then is newer than our events. */
  clear(): void {
    this.entries.clear();
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

const Presence = createContext<PresenceStore | null>(null);

/**
 * Listens to `presence.update` on the account channel of the live connection (LiveRefresh owns
 * it; this only binds), and sends this tab's presence heartbeats. Without live refresh the dots
 * show what the last render said.
 * `<html data-presence="subscribed">` tells tests the channel is ready.
 */
export function PresenceProvider({ accountId, children }: { accountId: number; children: ReactNode }) {
  const [store] = useState(() => new PresenceStore());
  const pusher = useLive()?.pusher ?? null;

  useEffect(() => {
    if (!pusher) return;
    const channel = pusher.subscribe(accountChannel(accountId));
    const onUpdate = (data: PresencePayload) => {
      if (data.accountId !== accountId) return;
      for (const [userId, availability] of Object.entries(data.users)) store.apply(Number(userId), availability, data.version);
    };
    const onSubscribed = () => {
      document.documentElement.dataset.presence = "subscribed";
    };
    let hasConnected = false;
    const onState = ({ current }: { current: string }) => {
      if (current !== "connected") return;
      if (hasConnected) store.clear();
      hasConnected = true;
    };
    if (channel.subscribed) onSubscribed();
    channel.bind("presence.update", onUpdate);
    channel.bind("pusher:subscription_succeeded", onSubscribed);
    pusher.connection.bind("state_change", onState);
    return () => {
      channel.unbind("presence.update", onUpdate);
      channel.unbind("pusher:subscription_succeeded", onSubscribed);
      pusher.connection.unbind("state_change", onState);
      delete document.documentElement.dataset.presence;
    };
  }, [pusher, accountId, store]);

  // Heartbeats: on opening, every minute, and when the tab is looked at again (after a sleep).
  useEffect(() => {
    let stopped = false;
    const beat = () => {
      presenceHeartbeatAction({ accountId }).then(
        (result) => {
          if (!stopped && result.ok) store.apply(result.data.userId, result.data.availability, result.data.version);
        },
        () => {}, // offline for a moment: the next beat tries again
      );
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") beat();
    };
    beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [accountId, store]);

  return <Presence.Provider value={store}>{children}</Presence.Provider>;
}

/** A user's availability now: the latest event about them, else what the server rendered. */
export function usePresence(userId: number, rendered: Availability): Availability {
  const store = useContext(Presence);
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    () => store?.get(userId)?.availability ?? rendered,
    () => rendered,
  );
}

/** Applies the user's own change at once (the server's answer), before its event comes back. */
export function useApplyPresence(): (userId: number, availability: Availability, version: number) => void {
  const store = useContext(Presence);
  return (userId, availability, version) => store?.apply(userId, availability, version);
}

const noSubscription = () => () => {};

/** An avatar whose status dot follows the user's availability live. */
export function PresenceAvatar({
  userId,
  name,
  availability,
  size,
  className,
}: {
  userId: number;
  name: string;
  availability: Availability;
  size?: "sm" | "md" | "lg";
  className?: string;
}) {
  return <AvatarStatus name={name} availability={usePresence(userId, availability)} size={size} className={className} />;
}
