import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { hmacHex, md5Hex, requestSignString, safeEqual } from "../signatures";
import type { Hub } from "./hub";

export type HttpApiContext = {
  app: { id: string; key: string; secret: string };
  hub: Hub;
  /** Closes every connection of the user (Pusher's terminate_connections); returns how many. */
  terminateUser: (userId: string) => number;
  /** Largest event `data` accepted, in bytes (Pusher's limit is 10 KB). */
  maxEventBytes: number;
  maxBodyBytes: number;
  log: (message: string, fields?: Record<string, unknown>) => void;
};

const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;
const channelName = z.string().regex(CHANNEL_NAME);
const eventSchema = z.object({
  name: z.string().min(1).max(200),
  data: z.string(),
  channels: z.array(channelName).min(1).max(100).optional(),
  channel: channelName.optional(),
  socket_id: z.string().max(100).optional(),
});
const batchSchema = z.object({
  batch: z.array(eventSchema.omit({ channels: true }).extend({ channel: channelName })).max(10),
});
/** How far a request's auth_timestamp may be from our clock, as Pusher allows. */
const MAX_CLOCK_SKEW_SECONDS = 600;

const TERMINATE = /^\/apps\/([^/]+)\/users\/([A-Za-z0-9_\-=@,.;]{1,200})\/terminate_connections$/;

/**
 * The part of Pusher's HTTP API that the `pusher` library uses: POST /apps/{app_id}/events and
 * /apps/{app_id}/batch_events to publish, POST /apps/{app_id}/users/{user_id}/terminate_connections
 * to end a user's connections; all signed (see ../signatures.ts).
 */
export async function handleHttpApi(req: IncomingMessage, res: ServerResponse, ctx: HttpApiContext): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const terminate = TERMINATE.exec(url.pathname);
  const match = terminate ? [url.pathname, terminate[1], "terminate"] : /^\/apps\/([^/]+)\/(events|batch_events)$/.exec(url.pathname);
  if (!match) return reply(res, 404, { error: "Not found" });
  if (req.method !== "POST") return reply(res, 405, { error: "Use POST" });
  if (match[1] !== ctx.app.id) return reply(res, 404, { error: "Unknown app" });

  let body: string;
  try {
    body = await readBody(req, ctx.maxBodyBytes);
  } catch {
    return reply(res, 413, { error: "Request body too large" });
  }
  const problem = checkSignature(url, body, ctx.app);
  if (problem) {
    ctx.log("HTTP API request refused", { problem });
    return reply(res, 401, { error: problem });
  }
  if (terminate) {
    const closed = ctx.terminateUser(terminate[2]);
    ctx.log("user connections terminated", { userId: terminate[2], closed });
    return reply(res, 200, {});
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return reply(res, 400, { error: "The body must be JSON" });
  }

  const events =
    match[2] === "events" ? parseEvent(json) : batchSchema.safeParse(json).data?.batch.map((e) => ({ ...e, channels: [e.channel] }));
  if (!events) return reply(res, 400, { error: "Invalid event" });
  for (const event of events) {
    if (Buffer.byteLength(event.data) > ctx.maxEventBytes) return reply(res, 413, { error: `Event data is over ${ctx.maxEventBytes} bytes` });
  }
  for (const event of events) {
    for (const channel of event.channels) {
      ctx.hub.broadcast(channel, { event: event.name, channel, data: event.data }, event.socket_id);
    }
  }
  reply(res, 200, match[2] === "events" ? {} : { batch: events.map(() => ({})) });
}

function parseEvent(json: unknown): Array<{ name: string; data: string; channels: string[]; socket_id?: string }> | undefined {
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const channels = parsed.data.channels ?? (parsed.data.channel ? [parsed.data.channel] : undefined);
  return channels ? [{ ...parsed.data, channels }] : undefined;
}

/** Returns what is wrong with the request's signature, or null when it is valid. */
export function checkSignature(url: URL, body: string, app: { key: string; secret: string }): string | null {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const { auth_signature: signature, ...signed } = query;
  if (signed.auth_key !== app.key) return "Unknown auth_key";
  if (signed.auth_version !== "1.0") return "auth_version must be 1.0";
  const timestamp = Number(signed.auth_timestamp);
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    return "auth_timestamp is missing or too far from the server's clock";
  }
  if (body.length > 0 && signed.body_md5 !== md5Hex(body)) return "body_md5 does not match the body";
  const expected = hmacHex(app.secret, requestSignString("POST", url.pathname, signed));
  if (typeof signature !== "string" || !safeEqual(signature, expected)) return "Invalid signature";
  return null;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Drain the rest so that the 413 can still be sent.
        req.off("data", onData);
        req.resume();
        reject(new Error("too large"));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
