import PusherClient from "pusher-js";
import { signChannelAuth } from "@/lib/realtime/signatures";

/**
 * The agents' realtime clients of `bench:live`, in their own process (forked by live-load.ts), so
 * that 50 sockets' parsing does not share an event loop with the realtime server, the mail sender
 * and the timers of the benchmark: a late timer there would look like a late event. Each client
 * subscribes as an agent's screen does (channel auth signed with the app secret) and writes down,
 * per mail number named in an event ("Carol <n>"), when it first saw it (Date.now(): the same clock
 * as the parent's POST times). Protocol over IPC:
 *   parent → { type: "start", port, key, secret, channels, agents }   child → { type: "ready" }
 *   parent → { type: "report" }   child → { type: "seen", seen: [n, epochMs][] } (one pair per client and mail)
 */
type Start = { type: "start"; port: number; key: string; secret: string; channels: string[]; agents: number };
type Message = Start | { type: "report" };

const clients: PusherClient[] = [];
const seen: [number, number][] = [];

async function start(config: Start): Promise<void> {
  for (let i = 0; i < config.agents; i++) {
    const client = new PusherClient(config.key, {
      cluster: "mt1",
      wsHost: "127.0.0.1",
      wsPort: config.port,
      forceTLS: false,
      enabledTransports: ["ws"],
      channelAuthorization: {
        endpoint: "unused",
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => callback(null, signChannelAuth({ key: config.key, secret: config.secret }, socketId, channelName)),
      },
    });
    clients.push(client);
    const mine = new Set<number>();
    for (const name of config.channels) {
      const channel = client.subscribe(name);
      await new Promise<void>((resolve) => channel.bind("pusher:subscription_succeeded", () => resolve()));
      channel.bind_global((_event: string, data: unknown) => {
        const now = Date.now();
        for (const m of JSON.stringify(data ?? "").matchAll(/Carol (\d+)\b/g)) {
          const n = Number(m[1]);
          if (!mine.has(n)) {
            mine.add(n);
            seen.push([n, now]);
          }
        }
      });
    }
  }
}

process.on("message", (message: Message) => {
  if (message.type === "start") {
    start(message).then(
      () => process.send?.({ type: "ready" }),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  } else if (message.type === "report") {
    process.send?.({ type: "seen", seen: seen.splice(0) });
  }
});
process.on("disconnect", () => {
  for (const c of clients) c.disconnect();
  process.exit(0);
});
