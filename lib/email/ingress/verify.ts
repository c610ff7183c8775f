import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Credential and signature checks of the ingress endpoints: each provider's own scheme, compared
 * in constant time. Pure functions of the request parts, so each scheme is tested on its own.
 */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** HTTP Basic auth: the password must match; the user too when one is required (the relay's `ingress`). */
export function basicAuthMatches(header: string | null, password: string, user?: string): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!m) return false;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  const okUser = user === undefined || safeEqual(decoded.slice(0, colon), user);
  return safeEqual(decoded.slice(colon + 1), password) && okUser;
}

/** Mailgun: hex HMAC-SHA256 of timestamp + token with the webhook signing key. */
export function mailgunSignatureValid(signingKey: string, timestamp: string, token: string, signature: string): boolean {
  const expected = createHmac("sha256", signingKey).update(timestamp + token).digest("hex");
  return safeEqual(expected, signature.toLowerCase());
}

/** Mandrill: base64 HMAC-SHA1 of the webhook URL followed by each POST key and value, keys sorted. */
export function mandrillSignature(key: string, url: string, params: Record<string, string>): string {
  const signed = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac("sha1", key).update(signed).digest("base64");
}

export function mandrillSignatureValid(key: string, url: string, params: Record<string, string>, signature: string): boolean {
  return safeEqual(mandrillSignature(key, url, params), signature);
}
