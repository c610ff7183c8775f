import { env } from "@/lib/env";
import { invalid } from "@/lib/errors";

/**
 * The first half of the outbound policy for integration URLs (webhooks, bots, API-channel
 * callbacks), checked when one is saved: an absolute http(s) URL without credentials, https
 * unless INTEGRATIONS_ALLOW_HTTP=true. The address half (private, loopback and link-local hosts
 * refused unless allowed) is checked at every attempt by lib/net, on the address connected to.
 */
export const MAX_TARGET_URL_LENGTH = 2000;

export function checkTargetUrl(value: string, what = "URL"): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`${what} is not a valid address`);
  }
  if (text.length > MAX_TARGET_URL_LENGTH) throw invalid(`${what} is too long`);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid(`${what} must start with https://`);
  if (url.protocol === "http:" && !httpAllowed()) {
    throw invalid(`${what} must use https:// (plain http is allowed only when the installation sets INTEGRATIONS_ALLOW_HTTP=true)`);
  }
  if (url.username || url.password) throw invalid(`${what} must not contain a user name or password`);
  return url.toString();
}

export const httpAllowed = (): boolean => env().INTEGRATIONS_ALLOW_HTTP === "true";
