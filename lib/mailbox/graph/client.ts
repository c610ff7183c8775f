import https from "node:https";
import { Client, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { getAccessToken } from "@/lib/mailbox/oauth/access-token";

/** Mailbox scope: the inbox whose OAuth2 credential (transport `graph`) signs the requests. */
export type GraphScope = { accountId: number; inboxId: number };

const REQUEST_TIMEOUT_MS = 60_000;

/** `GRAPH_BASE_URL` + path, e.g. graphUrl(`/users/${mailbox}/sendMail`). National clouds and tests set the base. */
export function graphUrl(path: string): string {
  return `${env().GRAPH_BASE_URL.replace(/\/$/, "")}${path}`;
}

/** `/users/{mailbox}`: the mailbox address as a path segment. */
export function userPath(mailbox: string): string {
  return `/users/${encodeURIComponent(mailbox)}`;
}

function requestParts(context: Context): { url: string; method: string; headers: Record<string, string>; body: Buffer | undefined } {
  const request = context.request;
  const url = typeof request === "string" ? request : request.url;
  const options = context.options ?? {};
  const headers: Record<string, string> = {};
  new Headers(options.headers as HeadersInit | undefined).forEach((value, key) => (headers[key] = value));
  const raw = options.body as unknown;
  const body = raw === undefined || raw === null ? undefined : Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
  return { url, method: options.method ?? "GET", headers, body };
}

/** One HTTPS exchange with Node's https module (its global agent's trust store), as a fetch Response. */
function exchange(parts: ReturnType<typeof requestParts>, accessToken: string): Promise<Response> {
  const url = new URL(parts.url);
  if (url.protocol !== "https:") return Promise.reject(new Error(`Microsoft Graph must be reached over https, not ${url.origin} (check GRAPH_BASE_URL).`));
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method: parts.method, headers: { ...parts.headers, authorization: `Bearer ${accessToken}` }, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const headers = new Headers();
          for (const [key, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
          const status = response.statusCode ?? 500;
          const empty = status === 204 || status === 304 || chunks.length === 0;
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }));
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error(`Microsoft Graph did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`)));
    request.on("error", reject);
    request.end(parts.body);
  });
}

/** Where the bearer token comes from: an inbox's stored credential, or one just issued (setup checks). */
type TokenSource = { current(): Promise<string>; renew(rejected: string): Promise<string | null> };

/**
 * The last link of the Graph client's middleware chain: signs each request with the token and,
 * when Graph refuses a token that had not expired (401: revoked early), renews it once — single
 * flight through getAccessToken's `rejectedToken` — and retries. Our own chain rather than the
 * default one: the token is the inbox's, and the same code talks to national clouds and to the
 * local fake in tests.
 */
class TokenTransport implements Middleware {
  constructor(private readonly tokens: TokenSource) {}

  async execute(context: Context): Promise<void> {
    const parts = requestParts(context);
    const token = await this.tokens.current();
    let response = await exchange(parts, token);
    if (response.status === 401) {
      const renewed = await this.tokens.renew(token);
      if (renewed) response = await exchange(parts, renewed);
    }
    context.response = response;
  }
}

/** A Microsoft Graph client acting for one inbox's mailbox. Requests take full URLs from graphUrl(). */
export function graphClient(db: Db, scope: GraphScope): Client {
  const tokens: TokenSource = {
    current: async () => (await getAccessToken(db, scope)).accessToken,
    renew: async (rejected) => (await getAccessToken(db, scope, { rejectedToken: rejected })).accessToken,
  };
  return Client.initWithMiddleware({ middleware: new TokenTransport(tokens) });
}

/** A Graph client for a token not stored yet (checking access before an inbox is created). */
export function graphClientWithToken(accessToken: string): Client {
  return Client.initWithMiddleware({ middleware: new TokenTransport({ current: async () => accessToken, renew: async () => null }) });
}
