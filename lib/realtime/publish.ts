import { AsyncLocalStorage } from "node:async_hooks";
import Pusher from "pusher";
import { createLogger } from "@/lib/logger";
import { pusherServerConfig } from "./config";
import type { RealtimeEventName, RealtimePayloads } from "./payloads";

const log = createLogger("realtime");

export type RealtimeEvent<N extends RealtimeEventName = RealtimeEventName> = { channels: string[]; name: N; data: RealtimePayloads[N] };

let client: { pusher: Pusher; signature: string } | undefined;

/** The `pusher` library configured from env; rebuilt when the settings change (tests). */
export function pusherClient(): Pusher | null {
  const config = pusherServerConfig();
  if (!config) return null;
  const signature = JSON.stringify(config);
  if (client?.signature !== signature) {
    client = { pusher: new Pusher({ ...config, timeout: 5_000 }), signature };
  }
  return client.pusher;
}

export const realtimeEvent = <N extends RealtimeEventName>(name: N, channels: string[], data: RealtimePayloads[N]): RealtimeEvent<N> => ({
  name,
  channels,
  data,
});

/**
 * Publishes events to Pusher (or the embedded server), in one request when there are several.
 * Call it from an afterCommit effect: a rolled-back change must publish nothing. Never throws:
 * live refresh is best effort (a client that missed events resyncs when it reconnects), so a
 * failure is logged and the user's action still succeeds. Does nothing when PUSHER_* is unset.
 */
export async function publishEvents(events: RealtimeEvent[]): Promise<void> {
  const pusher = pusherClient();
  if (!pusher || events.length === 0) return;
  // Pusher's batch takes one channel per event and at most 10 events per request.
  const batch = events.flatMap((e) => e.channels.map((channel) => ({ channel, name: e.name, data: e.data })));
  const gathering = gatherings.getStore();
  if (gathering && !gathering.done) return void gathering.batch.push(...batch);
  await send(pusher, batch);
}

type Outgoing = { channel: string; name: string; data: unknown };
const gatherings = new AsyncLocalStorage<{ batch: Outgoing[]; done: boolean }>();

/** Events that each carry a conversation's whole state (its row, or that it left the viewer's sight). */
const ROW_STATE = new Set<string>(["conversation.created", "conversation.updated", "conversation.status_changed", "assignee.changed", "conversation.hidden"]);

/**
 * Runs `work` (several domain changes of one conversation, as a macro's actions), holding back what
 * it publishes until it is done, then publishes it with each conversation's row events on each
 * channel reduced to the last one: every row event carries the whole row as of its commit, so the
 * last one is the final state, and screens patch once instead of once per action. Messages and
 * other events all go out, in order. Events published after `work` returned (an effect of a
 * transaction it did not wait for) go out at once, as always.
 */
export async function gatherLiveUpdates<T>(work: () => Promise<T>): Promise<T> {
  const gathering = { batch: [] as Outgoing[], done: false };
  try {
    return await gatherings.run(gathering, work);
  } finally {
    gathering.done = true;
    const pusher = pusherClient();
    if (pusher && gathering.batch.length > 0) await send(pusher, lastRowEvents(gathering.batch));
  }
}

function lastRowEvents(batch: Outgoing[]): Outgoing[] {
  const keyOf = (e: Outgoing) => {
    const id = ROW_STATE.has(e.name) ? (e.data as { conversation?: { id?: unknown } } | null)?.conversation?.id : undefined;
    return typeof id === "number" ? `${e.channel}|${id}` : null;
  };
  const last = new Map<string, number>();
  batch.forEach((e, i) => {
    const key = keyOf(e);
    if (key) last.set(key, i);
  });
  return batch.filter((e, i) => {
    const key = keyOf(e);
    return key === null || last.get(key) === i;
  });
}

async function send(pusher: Pusher, batch: Outgoing[]): Promise<void> {
  try {
    for (let i = 0; i < batch.length; i += 10) {
      await pusher.triggerBatch(batch.slice(i, i + 10));
    }
  } catch (error) {
    log.error("could not publish realtime events", { events: [...new Set(batch.map((e) => e.name))].join(","), error: errorText(error) });
  }
}

export const publishEvent = (event: RealtimeEvent) => publishEvents([event]);

function errorText(error: unknown): string {
  if (error && typeof error === "object" && "status" in error && "body" in error) {
    return `HTTP ${String(error.status)}: ${String(error.body)}`;
  }
  return String(error);
}
