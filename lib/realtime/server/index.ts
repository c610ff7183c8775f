import { randomInt } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { Hub } from "./hub";
import { handleHttpApi } from "./http-api";
import { handleConnection, type Connection } from "./socket";

export type RealtimeServerOptions = {
  appId: string;
  key: string;
  secret: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  maxConnections?: number;
  /** Largest WebSocket frame a client may send, in bytes. */
  maxMessageBytes?: number;
  /** Largest event data published through the HTTP API, in bytes (Pusher: 10 KB). */
  maxEventBytes?: number;
  activityTimeoutSeconds?: number;
  /** How long a pinged, silent client has to answer before it is dropped (Pusher: 30 s). */
  pongTimeoutSeconds?: number;
  /** How long a connection has to sign in (pusher:signin) before it is closed (default 30 s). */
  signinTimeoutSeconds?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
};

export type RealtimeServer = {
  port: number;
  host: string;
  connectionCount: () => number;
  subscriberCount: (channel: string) => number;
  close: () => Promise<void>;
};

/**
 * The embedded Pusher Channels-protocol server: WebSocket `/app/{key}?protocol=7` for pusher-js
 * and `POST /apps/{app_id}/events|batch_events` for the `pusher` library, one HTTP port for both.
 * Single node, in memory: channels live in this process only, so run one of it (production
 * deployments with several app servers use Pusher or a Pusher-compatible cluster instead).
 */
export async function startRealtimeServer(options: RealtimeServerOptions): Promise<RealtimeServer> {
  const app = { id: options.appId, key: options.key, secret: options.secret };
  const log = options.log ?? (() => {});
  const hub = new Hub();
  const maxConnections = options.maxConnections ?? 10_000;
  const maxMessageBytes = options.maxMessageBytes ?? 10 * 1024;
  const maxEventBytes = options.maxEventBytes ?? 10 * 1024;
  const activityTimeoutSeconds = options.activityTimeoutSeconds ?? 120;
  const pongTimeoutMs = (options.pongTimeoutSeconds ?? 30) * 1000;
  const signinTimeoutSeconds = options.signinTimeoutSeconds ?? 30;
  const sockets = new Map<string, Connection>();

  // A user's sockets: those signed in as them, and (in case the sign-in has not landed yet) those
  // in their private user channel, which only they can be authorized for. Closed with 4200, so
  // pusher-js reconnects at once and asks again for every channel: only what is still allowed.
  const terminateUser = (userId: string): number => {
    let closed = 0;
    for (const connection of sockets.values()) {
      if (connection.userId() === userId || connection.isSubscribed(`private-user-${userId}`)) {
        connection.close(4200, "Connections of this user were terminated");
        closed++;
      }
    }
    return closed;
  };

  const httpServer = http.createServer((req, res) => {
    handleHttpApi(req, res, { app, hub, terminateUser, maxEventBytes, maxBodyBytes: 100 * maxEventBytes, log }).catch((error: unknown) => {
      log("HTTP API request failed", { error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  httpServer.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/app\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Refusals are sent as pusher:error then closed with the code, as Pusher does.
      const refuse = (code: number, message: string) => {
        ws.send(JSON.stringify({ event: "pusher:error", data: { code, message } }));
        ws.close(code, message);
      };
      if (match[1] !== app.key) return refuse(4001, `App key ${match[1]} not in this app`);
      const protocol = Number(url.searchParams.get("protocol") ?? "7");
      if (!(protocol >= 5 && protocol <= 7)) return refuse(4007, "Unsupported protocol version");
      if (sockets.size >= maxConnections) return refuse(4100, "Over capacity");
      let socketId: string;
      do socketId = `${randomInt(1, 2 ** 31 - 1)}.${randomInt(1, 2 ** 31 - 1)}`;
      while (sockets.has(socketId));
      const id = socketId;
      sockets.set(id, handleConnection(ws, id, { app, hub, activityTimeoutSeconds, clientEventsPerSecond: 10, signinTimeoutSeconds, log }));
      ws.on("close", () => sockets.delete(id));
      ws.on("error", (error) => log("WebSocket error", { socketId: id, error: String(error) }));
    });
  });

  // A client silent for one activity timeout gets a ping; silent pongTimeout more, it is dropped
  // (4201), so dead connections do not pile up.
  const sweepMs = Math.max(250, Math.min(activityTimeoutSeconds * 1000, pongTimeoutMs) / 2);
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [, connection] of sockets) {
      const idle = now - connection.lastSeen();
      if (idle >= activityTimeoutSeconds * 1000 + pongTimeoutMs) connection.close(4201, "Pong reply not received");
      else if (idle >= activityTimeoutSeconds * 1000 && !connection.pinged()) connection.ping();
    }
  }, sweepMs);
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = httpServer.address() as AddressInfo;

  return {
    port: address.port,
    host: address.address,
    connectionCount: () => sockets.size,
    subscriberCount: (channel) => hub.subscriberCount(channel),
    close: async () => {
      clearInterval(sweep);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
