import type { WebSocket } from "ws";
import { verifyChannelAuth } from "../signatures";
import type { Hub, PusherMessage, Subscriber } from "./hub";

/** Settings of one embedded server that the per-connection code needs. */
export type SocketContext = {
  app: { key: string; secret: string };
  hub: Hub;
  activityTimeoutSeconds: number;
  /** Client events (client-*) allowed per second and connection; Pusher's limit is 10. */
  clientEventsPerSecond: number;
  log: (message: string, fields?: Record<string, unknown>) => void;
};

const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;
const isPrivate = (channel: string) => channel.startsWith("private-");
const isPresence = (channel: string) => channel.startsWith("presence-");

/**
 * One pusher-js connection speaking protocol 7: handshake, subscribe/unsubscribe with signature
 * checks for private- and presence- channels, ping/pong, and client events on private channels.
 * Errors follow Pusher's codes (4009 unauthorized, 4301 client event rate limit, ...).
 */
export function handleConnection(
  ws: WebSocket,
  socketId: string,
  ctx: SocketContext,
): { lastSeen: () => number; pinged: () => boolean; ping: () => void; close: (code: number, reason: string) => void } {
  let lastSeen = Date.now();
  let pingSentAt = 0;
  let windowStart = Date.now();
  let clientEventsInWindow = 0;
  const sendText = (text: string) => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const subscriber: Subscriber = {
    socketId,
    channels: new Map(),
    sendText,
    send: (message: PusherMessage) => sendText(JSON.stringify(message)),
  };
  const error = (code: number | null, message: string) => subscriber.send({ event: "pusher:error", data: { code, message } });

  subscriber.send({
    event: "pusher:connection_established",
    data: JSON.stringify({ socket_id: socketId, activity_timeout: ctx.activityTimeoutSeconds }),
  });

  ws.on("message", (raw, isBinary) => {
    lastSeen = Date.now();
    if (isBinary) return error(4200, "Binary frames are not part of the protocol");
    let message: PusherMessage;
    try {
      message = JSON.parse(raw.toString()) as PusherMessage;
    } catch {
      return error(4200, "Messages must be JSON");
    }
    if (!message || typeof message.event !== "string") return error(4200, "Messages need an event name");
    const data = typeof message.data === "string" ? safeParse(message.data) : message.data;
    switch (message.event) {
      case "pusher:ping":
        return subscriber.send({ event: "pusher:pong", data: {} });
      case "pusher:pong":
        return;
      case "pusher:subscribe":
        return subscribe(asRecord(data));
      case "pusher:unsubscribe": {
        const channel = asRecord(data).channel;
        if (typeof channel === "string") ctx.hub.unsubscribe(subscriber, channel);
        return;
      }
      default:
        if (message.event.startsWith("client-")) return clientEvent(message);
        // Unknown pusher: events are ignored, as Pusher does.
        return;
    }
  });

  ws.on("close", () => ctx.hub.unsubscribeAll(subscriber));

  function subscribe(data: Record<string, unknown>) {
    const channel = data.channel;
    if (typeof channel !== "string" || !CHANNEL_NAME.test(channel)) return error(4009, "Invalid channel name");
    if (isPrivate(channel) || isPresence(channel)) {
      const channelData = isPresence(channel) && typeof data.channel_data === "string" ? data.channel_data : undefined;
      if (!verifyChannelAuth(ctx.app, data.auth, socketId, channel, channelData)) {
        ctx.log("subscription refused: invalid signature", { channel, socketId });
        subscriber.send({
          event: "pusher:subscription_error",
          channel,
          data: { type: "AuthError", error: "Invalid signature", status: 401 },
        });
        return error(4009, `Invalid signature for ${channel}`);
      }
      if (isPresence(channel)) {
        const member = asRecord(safeParse(channelData ?? ""));
        const userId = member.user_id;
        if (typeof userId !== "string" && typeof userId !== "number") return error(4009, "Presence channel_data needs a user_id");
        return ctx.hub.subscribe(subscriber, channel, { userId: String(userId), info: member.user_info ?? null });
      }
    }
    ctx.hub.subscribe(subscriber, channel);
  }

  function clientEvent(message: PusherMessage) {
    const channel = message.channel;
    if (typeof channel !== "string" || !(isPrivate(channel) || isPresence(channel))) {
      return error(4301, "Client events are only allowed on private and presence channels");
    }
    const membership = subscriber.channels.get(channel);
    if (!membership) return error(4301, `Not subscribed to ${channel}`);
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      clientEventsInWindow = 0;
    }
    if (++clientEventsInWindow > ctx.clientEventsPerSecond) return error(4301, "Client event rate limit reached");
    const out: PusherMessage = { event: message.event, channel, data: message.data };
    if (membership.userId !== undefined) out.user_id = membership.userId;
    ctx.hub.broadcast(channel, out, socketId);
  }

  return {
    lastSeen: () => lastSeen,
    pinged: () => pingSentAt > lastSeen,
    ping: () => {
      pingSentAt = Date.now();
      subscriber.send({ event: "pusher:ping", data: {} });
    },
    close: (code, reason) => ws.close(code, reason),
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
