import { createHash, randomBytes } from "node:crypto";

/** An API access token: 24 random bytes, URL-safe, as opaque as Chatwoot's. */
export function generateApiAccessToken(): string {
  return randomBytes(24).toString("base64url");
}

/** A password for generated accounts (first run, invited agents): readable, 20 characters. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

/** A link or API token: 32 random bytes, URL-safe. Only its hash (hashToken) is stored. */
export function generateSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * sha256 in hex: enough for high-entropy random tokens (no salt or slow hash needed, since nobody can
 * guess 192+ random bits), and it lets the database find a token by an indexed equality lookup. The
 * migration that hashed existing API tokens computes the same value in SQL (encode(sha256(...), 'hex')).
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
