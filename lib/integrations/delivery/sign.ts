import { createHmac, randomBytes } from "node:crypto";

/**
 * Signing, both ways at once (docs/integrations.md, Verifying signatures):
 *
 * - Chatwoot's: `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>`
 *   with `X-Chatwoot-Timestamp` (Unix seconds) and `X-Chatwoot-Delivery`. The HMAC key is the
 *   secret string exactly as shown (all of `whsec_…`), as Chatwoot receivers use it.
 * - Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64
 *   HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`, where the key is the base64 after `whsec_`
 *   decoded — what the Standard Webhooks libraries do with a `whsec_` secret.
 *
 * One secret therefore serves both. During a rotation's overlap each header carries one
 * signature per valid secret, newest first, separated by spaces.
 */
export const SECRET_PREFIX = "whsec_";

export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

/** The Standard Webhooks key bytes of a secret (a secret without the prefix is used as UTF-8 bytes). */
export function standardKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX) ? Buffer.from(secret.slice(SECRET_PREFIX.length), "base64") : Buffer.from(secret, "utf8");
}

export function chatwootSignature(secret: string, timestamp: number, body: string): string {
  return "sha256=" + createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function standardSignature(secret: string, id: string, timestamp: number, body: string): string {
  return "v1," + createHmac("sha256", standardKey(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
}

/** Every header an attempt carries besides Content-Type. `secrets`: the valid ones, newest first. */
export function signatureHeaders(input: { deliveryId: string; timestamp: number; body: string; secrets: string[] }): Record<string, string> {
  const { deliveryId, timestamp, body, secrets } = input;
  const headers: Record<string, string> = {
    "x-chatwoot-delivery": deliveryId,
    "x-chatwoot-timestamp": String(timestamp),
    "webhook-id": deliveryId,
    "webhook-timestamp": String(timestamp),
  };
  if (secrets.length > 0) {
    headers["x-chatwoot-signature"] = secrets.map((s) => chatwootSignature(s, timestamp, body)).join(" ");
    headers["webhook-signature"] = secrets.map((s) => standardSignature(s, deliveryId, timestamp, body)).join(" ");
  }
  return headers;
}
