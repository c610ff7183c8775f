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
  try {
    for (let i = 0; i < batch.length; i += 10) {
      await pusher.triggerBatch(batch.slice(i, i + 10));
    }
  } catch (error) {
    log.error("could not publish realtime events", { events: events.map((e) => e.name).join(","), error: errorText(error) });
  }
}

export const publishEvent = (event: RealtimeEvent) => publishEvents([event]);

function errorText(error: unknown): string {
  if (error && typeof error === "object" && "status" in error && "body" in error) {
    return `HTTP ${String(error.status)}: ${String(error.body)}`;
  }
  return String(error);
}
