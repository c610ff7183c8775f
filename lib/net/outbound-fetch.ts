import http from "node:http";
import https from "node:https";
import { resolveOutbound, type OutboundPolicy, type Resolver } from "./outbound-policy";

/**
 * `fetch` for URLs a user typed (an email-API base URL, later webhooks): each connection resolves
 * its host through the outbound policy and connects to the checked address (TLS still verifies the
 * host name), and redirects are followed by hand, each hop checked again, at most MAX_REDIRECTS.
 * Built on node:http(s) because the global fetch cannot be told which address to connect to.
 * Answers are read whole, up to MAX_BODY_BYTES (API answers are small).
 */
const MAX_REDIRECTS = 3;
const MAX_BODY_BYTES = 1024 * 1024;

export type OutboundFetchInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
  signal?: AbortSignal;
  /** "manual": answer a redirect as it is, without following it (webhook deliveries). */
  redirect?: "follow" | "manual";
  /**
   * Reuse kept-alive connections (webhook deliveries: one receiver gets many POSTs). Safe with the
   * policy: a pooled socket is keyed by the checked address it was opened to (and the TLS name), so
   * a request reuses it only when its own resolution chose that same address.
   */
  keepAlive?: boolean;
  /** For tests: stand-ins for DNS and the configured policy. */
  resolver?: Resolver;
  policy?: OutboundPolicy;
};

export async function outboundFetch(url: string, init: OutboundFetchInit = {}): Promise<Response> {
  // Let the platform encode the body (FormData → multipart with its boundary).
  const encoded = init.body === undefined ? null : new Request("http://body.invalid/", { method: "POST", body: init.body as BodyInit });
  const body = encoded ? Buffer.from(await encoded.arrayBuffer()) : undefined;
  const headers: Record<string, string> = { ...init.headers };
  const contentType = encoded?.headers.get("content-type");
  if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = contentType;

  let current = new URL(url);
  let method = init.method ?? "GET";
  let sendBody = body;
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(current, method, headers, sendBody, init);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location || init.redirect === "manual") return response;
    if (hop >= MAX_REDIRECTS) throw Object.assign(new Error(`more than ${MAX_REDIRECTS} redirects`), { code: "ETOOMANYREDIRECTS" });
    const next = new URL(location, current);
    if (next.protocol !== "https:" && next.protocol !== "http:") throw new Error(`redirect to an unsupported address (${next.protocol})`);
    // Never downgrade a request that carries credentials to plain http, nor carry them to another host.
    if (current.protocol === "https:" && next.protocol === "http:") throw new Error("redirect from https to http refused");
    if (next.host !== current.host) for (const h of Object.keys(headers)) if (h.toLowerCase() === "authorization") delete headers[h];
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
      method = "GET";
      sendBody = undefined;
    }
    current = next;
  }
}

/**
 * Pools for `keepAlive` requests. Idle sockets close after a few seconds, before a typical
 * server's keep-alive timeout (Node's is 5 s), so a reuse rarely meets a socket the server closed;
 * when it does, the request is sent once more on a fresh connection (see requestOnce).
 */
const pools = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 16, timeout: 4_000 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 16, timeout: 4_000 }),
};

async function requestOnce(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, init: OutboundFetchInit): Promise<Response> {
  // Resolved and checked here, not through a `lookup` option: Node skips lookup for IP literals.
  const target = await resolveOutbound(url.hostname, { resolver: init.resolver, policy: init.policy });
  const pooled = init.keepAlive === true && (url.protocol === "http:" || url.protocol === "https:");
  try {
    return await send(url, target, method, headers, body, init, pooled);
  } catch (error) {
    // A kept-alive socket the server closed just as we reused it: the request never reached the
    // server's handler (Node's advice for reusedSocket), so it is sent once more on a new socket.
    if (pooled && (error as { reusedSocket?: boolean }).reusedSocket && (error as { code?: string }).code === "ECONNRESET") {
      return send(url, target, method, headers, body, init, false);
    }
    throw error;
  }
}

function send(
  url: URL,
  target: Awaited<ReturnType<typeof resolveOutbound>>,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  init: OutboundFetchInit,
  pooled: boolean,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: target.address,
        port: url.port || (url.protocol === "https:" ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        servername: target.servername,
        method,
        headers: { host: url.host, ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
        signal: init.signal,
        // Without keepAlive each hop has its own connection; pooled sockets are keyed by the checked address.
        agent: pooled ? pools[url.protocol as "http:" | "https:"] : false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) incoming.destroy(new Error("the answer is too large"));
          else chunks.push(chunk);
        });
        incoming.on("error", reject);
        incoming.on("end", () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
          }
          const status = incoming.statusCode ?? 502;
          const nullBody = status === 204 || status === 304 || method === "HEAD";
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: incoming.statusMessage, headers: responseHeaders }));
        });
      },
    );
    request.on("error", (error) => reject(Object.assign(error, { reusedSocket: request.reusedSocket })));
    request.end(body);
  });
}
