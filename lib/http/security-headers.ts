import { isServedOverHttps } from "@/lib/auth/client-address";
import { appUrl, env } from "@/lib/env";
import { pusherClientConfig } from "@/lib/realtime/config";

/**
 * The security headers every response carries (set by proxy.ts). Pages also get a
 * Content-Security-Policy with a fresh nonce per request: Next puts it on its own scripts (it reads
 * it from the request's CSP header), and no script without it runs. Nothing here is framed by
 * another site (`frame-ancestors 'none'`); the email body is a srcdoc frame of our own page, which
 * inherits this policy and adds its own stricter one (lib/email/content/frame-document.ts).
 */
export const NONCE_HEADER = "x-nonce";

/** Where the browser's live-refresh WebSocket goes (lib/realtime/config.ts), for connect-src. */
function realtimeOrigins(): string[] {
  const config = pusherClientConfig();
  if (!config) return [];
  if (!config.wsHost) return [`wss://ws-${config.cluster}.pusher.com`];
  const port = config.wsPort ? `:${config.wsPort}` : "";
  return config.forceTLS ? [`wss://${config.wsHost}${port}`] : [`ws://${config.wsHost}${port}`, `wss://${config.wsHost}${port}`];
}

/**
 * `frameOrigins`: the account's dashboard apps, on its conversation pages only (proxy.ts), so the
 * tab can frame them; every other page frames nothing but itself.
 */
export function contentSecurityPolicy(nonce: string, frameOrigins: readonly string[] = []): string {
  const dev = env().NODE_ENV === "development";
  return [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next's nonced scripts load are trusted; nothing else. React's
    // dev tooling needs eval in `next dev` only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (React, Tailwind) and the email frame's own <style>.
    "style-src 'self' 'unsafe-inline'",
    // Remote images in an email appear only after "Show remote images" (the frame's own policy).
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    `connect-src 'self' ${realtimeOrigins().join(" ")}`.trim(),
    `frame-src 'self'${frameOrigins.map((o) => ` ${o}`).join("")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every response, pages and API alike. */
export function securityHeaders(requestHeaders: Pick<Headers, "get">): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  };
  // Only over https (APP_URL says so, or a trusted proxy): on plain http it would be ignored, and
  // a desk reached at http://localhost must not be pinned to https.
  if (isServedOverHttps(requestHeaders, appUrl())) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

/**
 * A server action posted from another site: Next refuses it by throwing (a 500). Answered here
 * with 403 instead. Same rule as Next's: the Origin's host must be the request's host
 * (X-Forwarded-Host first, as Next reads it) or APP_URL's; no Origin is left to Next (it allows it).
 */
export function isForeignServerAction(method: string, headers: Headers): boolean {
  if (method !== "POST" || !headers.has("next-action")) return false;
  const origin = headers.get("origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const allowed = new Set<string>();
  const forwardedHost = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (forwardedHost) allowed.add(forwardedHost);
  const host = headers.get("host");
  if (host) allowed.add(host);
  allowed.add(new URL(appUrl()).host);
  return !allowed.has(originHost);
}
