import { isIP } from "node:net";
import { appUrl, env } from "@/lib/env";

/**
 * Custom domains of help-center portals (docs/help-center.md): a request whose Host is not the
 * app's own is rewritten to /hc-custom-domain/{host}/{path}, where the router serves the portal
 * with that domain (or 404). The app's own paths keep working on any host, and IP addresses and
 * localhost are never portal domains, so reaching the desk by address still reaches the desk.
 */
const APP_PATHS = /^\/(_next|api|app|hc|hc-custom-domain|help-center|public|sign-in|sign-out|accept-invitation|forgot-password|reset-password|favicon\.ico)(\/|$)/;

export const HELP_CENTER_PATHS = /^\/(hc|hc-custom-domain)(\/|$)/;

function requestHost(headers: Pick<Headers, "get">): string | null {
  const forwarded = env().TRUST_PROXY ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = (forwarded || headers.get("host") || "").trim().toLowerCase();
  return host || null;
}

export function customDomainRewrite(pathname: string, headers: Pick<Headers, "get">): string | null {
  const host = requestHost(headers);
  if (!host) return null;
  const name = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (name === "localhost" || isIP(name) !== 0 || !/^[a-z0-9.-]+$/.test(name)) return null;
  if (name === new URL(appUrl()).hostname.toLowerCase()) return null;
  if (APP_PATHS.test(pathname)) return null;
  return `/hc-custom-domain/${name}${pathname === "/" ? "" : pathname}`;
}
