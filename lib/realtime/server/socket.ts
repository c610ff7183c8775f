import type { WebSocket } from "ws";
import { verifyChannelAuth, verifyUserAuth } from "../signatures";
import type { Hub, PusherMessage, Subscriber } from "./hub";

/** Settings of one embedded server that the per-connection code needs. */
export type SocketContext = {
  app: { key: string; secret: string };
  hub: Hub;
  activityTimeoutSeconds: number;
  /** Client events (client-*) allowed per second and connection; Pusher's limit is 10. */
  clientEventsPerSecond: number;
  /**
   * A connection must sign in (`pusher:signin`, user authentication) within this time or it is
   * closed with 4009, like Pusher's "authorized connections" setting: every socket then has a user,
   * so revoking a user's access can find all of theirs, and client events carry who sent them.
   */
  signinTimeoutSeconds: number;
  log: (message: string, fields?: Record<string, unknown>) => void;
};

const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;
const isPrivate = (channel: string) => channel.startsWith("private-");
const isPresence = (channel: string) => channel.startsWith("presence-");

const serverToUser = (userId: string) => `#server-to-user-${userId}`;

export type Connection = {
  lastSeen: () => number;
  pinged: () => boolean;
  ping: () => void;
  close: (code: number, reason: string) => void;
  /** The user this socket signed in as, if it did. */
  userId: () => string | undefined;
  /** Whether the socket is subscribed to the channel. */
  isSubscribed: (channel: string) => boolean;
};

/**
 * One pusher-js connection speaking protocol 7: handshake, user sign-in, subscribe/unsubscribe
 * with signature checks for private- and presence- channels (public channels are refused: we
 * publish nothing there), ping/pong, and client events on private channels, stamped with the
 * signed-in user's id. Errors follow Pusher's codes (4009 unauthorized, 4301 client events, ...).
 */
export function handleConnection(
  ws: WebSocket,
  socketId: string,
  ctx: SocketContext,
): Connection {
  let lastSeen = Date.now();
  let userId: string | undefined;
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
  const signinTimer = setTimeout(() => {
    if (userId === undefined) ws.close(4009, "Connection not authorized within timeout");
  }, ctx.signinTimeoutSeconds * 1000);
  signinTimer.unref();

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
      case "pusher:signin":
        return signin(asRecord(data));
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

  ws.on("close", () => {
    clearTimeout(signinTimer);
    ctx.hub.unsubscribeAll(subscriber);
  });

  function signin(data: Record<string, unknown>) {
    const userData = typeof data.user_data === "string" ? data.user_data : "";
    const id = asRecord(safeParse(userData)).id;
    if (!verifyUserAuth(ctx.app, data.auth, socketId, userData) || typeof id !== "string" || id === "") {
      ctx.log("sign-in refused: invalid signature", { socketId });
      error(4009, "Invalid user authentication");
      return ws.close(4009, "Invalid user authentication");
    }
    userId = id;
    subscriber.send({ event: "pusher:signin_success", data: { user_data: userData } });
  }

  function refuse(channel: string, message: string) {
    subscriber.send({ event: "pusher:subscription_error", channel, data: { type: "AuthError", error: message, status: 401 } });
    return error(4009, message);
  }

  function subscribe(data: Record<string, unknown>) {
    const channel = data.channel;
    // pusher-js joins its user's server-to-user channel after signing in.
    if (typeof channel === "string" && userId !== undefined && channel === serverToUser(userId)) return ctx.hub.subscribe(subscriber, channel);
    if (typeof channel !== "string" || !CHANNEL_NAME.test(channel)) return error(4009, "Invalid channel name");
    if (!isPrivate(channel) && !isPresence(channel)) {
      ctx.log("subscription refused: public channel", { channel, socketId });
      return refuse(channel, `Only private channels can be subscribed to here (${channel})`);
    }
    const channelData = isPresence(channel) && typeof data.channel_data === "string" ? data.channel_data : undefined;
    if (!verifyChannelAuth(ctx.app, data.auth, socketId, channel, channelData)) {
      ctx.log("subscription refused: invalid signature", { channel, socketId });
      return refuse(channel, `Invalid signature for ${channel}`);
    }
    if (isPresence(channel)) {
      const member = asRecord(safeParse(channelData ?? ""));
      const memberId = member.user_id;
      if (typeof memberId !== "string" && typeof memberId !== "number") return error(4009, "Presence channel_data needs a user_id");
      return ctx.hub.subscribe(subscriber, channel, { userId: String(memberId), info: member.user_info ?? null });
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
    // The sender is who the socket signed in as, never what the payload claims.
    if (userId === undefined) return error(4301, "Sign in before sending client events");
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      clientEventsInWindow = 0;
    }
    if (++clientEventsInWindow > ctx.clientEventsPerSecond) return error(4301, "Client event rate limit reached");
    if (typeof message.data !== "object" && typeof message.data !== "string") return error(4301, "Client event data must be JSON");
    ctx.hub.broadcast(channel, { event: message.event, channel, data: message.data, user_id: userId }, socketId);
  }

  return {
    lastSeen: () => lastSeen,
    pinged: () => pingSentAt > lastSeen,
    ping: () => {
      pingSentAt = Date.now();
      subscriber.send({ event: "pusher:ping", data: {} });
    },
    close: (code, reason) => ws.close(code, reason),
    userId: () => userId,
    isSubscribed: (channel) => subscriber.channels.has(channel),
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
