import { outboundFetch } from "@/lib/net/outbound-fetch";
import { OutboundRefusedError } from "@/lib/net/outbound-policy";
import { cappedText, errorText } from "@/lib/storable-text";
import { httpAllowed } from "../target-url";
import { signatureHeaders } from "./sign";

/**
 * One signed POST to a target, through the outbound address policy (lib/net): the host is resolved
 * once and every address checked, redirects are not followed, https is required unless allowed.
 * Never throws: the result says what happened in words, and whether trying again could help.
 */
export type SendResult = {
  startedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  excerpt: string | null;
  error: string | null;
  retryable: boolean;
  /** A 429's or 503's Retry-After, in ms. */
  retryAfterMs: number | null;
  headers: Record<string, string>;
};

export const EXCERPT_CHARS = 1000;
export const USER_AGENT = "Postdesk-Webhooks/1.0";

export async function sendSigned(input: { url: string; deliveryId: string; body: string; secrets: string[]; timeoutMs: number }): Promise<SendResult> {
  const startedAt = new Date();
  const timestamp = Math.floor(startedAt.getTime() / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    ...signatureHeaders({ deliveryId: input.deliveryId, timestamp, body: input.body, secrets: input.secrets }),
  };
  const result = (partial: Partial<SendResult>): SendResult => ({
    startedAt,
    latencyMs: Date.now() - startedAt.getTime(),
    statusCode: null,
    excerpt: null,
    error: null,
    retryable: false,
    retryAfterMs: null,
    headers: redactSignatures(headers),
    ...partial,
  });

  const url = new URL(input.url);
  if (url.protocol === "http:" && !httpAllowed()) {
    return result({ error: "The URL must use https:// (plain http needs INTEGRATIONS_ALLOW_HTTP=true)" });
  }
  try {
    const response = await outboundFetch(input.url, { method: "POST", headers, body: input.body, redirect: "manual", keepAlive: true, signal: AbortSignal.timeout(input.timeoutMs) });
    const text = await response.text();
    const status = response.status;
    const excerpt = text ? cappedText(text, EXCERPT_CHARS) : null;
    if (status >= 200 && status < 300) return result({ statusCode: status, excerpt });
    if (status >= 300 && status < 400) {
      return result({ statusCode: status, excerpt, error: `The receiver answered ${status} (a redirect to ${response.headers.get("location") ?? "nowhere"}); redirects are not followed: use the final URL` });
    }
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return result({
      statusCode: status,
      excerpt,
      retryable,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      error: `The receiver answered ${status}${response.statusText ? ` ${response.statusText}` : ""}${retryable ? "" : " (not retried: fix the receiver, then redeliver)"}`,
    });
  } catch (error) {
    if (error instanceof OutboundRefusedError) return result({ error: error.message });
    return result({ error: describeNetworkError(error, input.timeoutMs, url), retryable: true });
  }
}

/** Retry-After as seconds or an HTTP date; at most a day (a receiver cannot park us forever). */
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const ms = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - Date.now();
  if (!Number.isFinite(ms) || ms < 0) return null;
  return Math.min(ms, 24 * 3_600_000);
}

function describeNetworkError(error: unknown, timeoutMs: number, url: URL): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  const where = url.host;
  if (e.name === "TimeoutError" || e.name === "AbortError") return `No answer from ${where} within ${Math.round(timeoutMs / 1000)} s (timed out)`;
  if (code === "ECONNREFUSED") return `${where} refused the connection`;
  if (code === "ECONNRESET" || code === "EPIPE") return `${where} closed the connection before answering`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `The host name ${url.hostname} could not be resolved`;
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return `${where} is unreachable`;
  if (code && /CERT|SSL|TLS/.test(code)) return `The TLS connection to ${where} failed: ${errorText(error)}`;
  return `Could not reach ${where}: ${errorText(error)}`;
}

/** The log shows which headers went out, not signatures that could be replayed. */
function redactSignatures(headers: Record<string, string>): Record<string, string> {
  const shown = { ...headers };
  for (const name of ["x-chatwoot-signature", "webhook-signature"]) if (shown[name]) shown[name] = shown[name].replace(/(sha256=|v1,)[^ ]+/g, "$1…");
  return shown;
}
