import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A real webhook receiver on loopback for the integration tests and the benchmark. It verifies
 * both signature schemes the way a receiver would (Chatwoot's X-Chatwoot-Signature and Standard
 * Webhooks' webhook-signature, written from their specs, not with the code under test), and
 * counts what it accepted per delivery id. Its behaviour can be switched to simulate outages:
 * "down" stops listening (connections are refused), "hang" never answers (the sender times out),
 * "error" answers 500, "throttle" answers 429 with Retry-After.
 */
export type ReceiverMode = "ok" | "down" | "hang" | "error" | "throttle" | "gone";

export type ReceivedDelivery = {
  id: string;
  body: string;
  payload: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  receivedAt: number;
  chatwootSignatureValid: boolean;
  standardSignatureValid: boolean;
};

export type WebhookReceiver = {
  url: string;
  port: number;
  /** Every request answered 2xx, in arrival order. */
  accepted: ReceivedDelivery[];
  /** Every request that reached the receiver, whatever it answered. */
  requests: number;
  /** TCP connections opened to the receiver (a sender that keeps connections alive opens few). */
  connections: number;
  /** Accepted count per delivery id. */
  acceptedCounts: () => Map<string, number>;
  setMode: (mode: ReceiverMode, options?: { retryAfterSeconds?: number }) => Promise<void>;
  setSecrets: (secrets: string[]) => void;
  waitFor: (predicate: (r: WebhookReceiver) => boolean, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

/** Chatwoot's scheme: `sha256=` hex HMAC of "{timestamp}.{body}" keyed with the secret string; any space-separated value may match. */
export function verifyChatwoot(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const timestamp = String(headers["x-chatwoot-timestamp"] ?? "");
  const expected = Buffer.from("sha256=" + createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex"));
  return String(headers["x-chatwoot-signature"] ?? "")
    .split(" ")
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(Buffer.from(candidate), expected));
}

/** Standard Webhooks: key = base64 after whsec_, content "{id}.{timestamp}.{body}", `v1,<base64>` values separated by spaces. */
export function verifyStandard(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const id = String(headers["webhook-id"] ?? "");
  const timestamp = String(headers["webhook-timestamp"] ?? "");
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return String(headers["webhook-signature"] ?? "")
    .split(" ")
    .some((part) => {
      const [version, signature] = part.split(",");
      return version === "v1" && signature !== undefined && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    });
}

export async function startWebhookReceiver(options: { secrets?: string[]; port?: number } = {}): Promise<WebhookReceiver> {
  let mode: ReceiverMode = "ok";
  let retryAfterSeconds = 1;
  let secrets = options.secrets ?? [];
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((request, response) => {
    receiver.requests++;
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      if (mode === "hang") {
        hanging.add(response);
        response.on("close", () => hanging.delete(response));
        return;
      }
      if (mode === "error") return void response.writeHead(500, { "content-type": "text/plain" }).end("Internal failure, try later");
      if (mode === "throttle") return void response.writeHead(429, { "retry-after": String(retryAfterSeconds) }).end("slow down");
      if (mode === "gone") return void response.writeHead(410).end("this endpoint is gone");
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(request.headers["webhook-id"] ?? request.headers["x-chatwoot-delivery"] ?? "");
      receiver.accepted.push({
        id,
        body,
        payload: JSON.parse(body) as Record<string, unknown>,
        headers: request.headers,
        receivedAt: Date.now(),
        chatwootSignatureValid: secrets.some((s) => verifyChatwoot(s, request.headers, body)),
        standardSignatureValid: secrets.some((s) => verifyStandard(s, request.headers, body)),
      });
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  server.on("connection", (socket) => {
    receiver.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // Node's default, as most receivers: a sender may keep the connection for the next delivery.
  server.keepAliveTimeout = 5000;

  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });

  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  let listening = true;

  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks/postdesk`,
    port,
    accepted: [],
    requests: 0,
    connections: 0,
    acceptedCounts: () => {
      const counts = new Map<string, number>();
      for (const d of receiver.accepted) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
      return counts;
    },
    setMode: async (next, opts = {}) => {
      retryAfterSeconds = opts.retryAfterSeconds ?? retryAfterSeconds;
      if (mode === "hang" && next !== "hang") for (const r of hanging) r.destroy();
      mode = next;
      if (next === "down" && listening) {
        listening = false;
        await stopListening();
      } else if (next !== "down" && !listening) {
        await listen(port);
        listening = true;
      }
    },
    setSecrets: (list) => {
      secrets = list;
    },
    waitFor: async (predicate, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      while (!predicate(receiver)) {
        if (Date.now() > until) throw new Error(`receiver: condition not met within ${timeoutMs} ms (accepted ${receiver.accepted.length}, requests ${receiver.requests})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      for (const r of hanging) r.destroy();
      if (listening) await stopListening();
    },
  };
  return receiver;
}
