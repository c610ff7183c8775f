import { env } from "@/lib/env";
import { invalid } from "@/lib/errors";
import { refusedHostLiteral } from "./outbound-policy";

/**
 * Checks a URL an administrator typed for the server to call (a bot's outgoing URL) or the
 * browser to frame (a dashboard app): http(s) only, https unless INTEGRATIONS_ALLOW_HTTP=true (the
 * same setting as webhooks, lib/integrations/target-url.ts), and a
 * host the outbound policy does not refuse outright (names are checked again when connecting,
 * by outboundFetch). Returns the normalised URL; throws a 422 naming `field` otherwise.
 */
export function checkUserUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(`${field} is not a valid URL`, { field });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid(`${field} must be an http(s) URL`, { field });
  if (url.protocol === "http:" && env().INTEGRATIONS_ALLOW_HTTP !== "true") {
    throw invalid(`${field} must use https:// (plain http is allowed only when the installation sets INTEGRATIONS_ALLOW_HTTP=true)`, { field });
  }
  if (url.username || url.password) throw invalid(`${field} must not contain a user name or password`, { field });
  const refused = refusedHostLiteral(url.hostname.replace(/^\[|\]$/g, ""));
  if (refused) throw invalid(`${field}: ${refused}`, { field });
  return url.toString();
}
