import { randomBytes } from "node:crypto";

/** An API access token: 24 random bytes, URL-safe, as opaque as Chatwoot's. */
export function generateApiAccessToken(): string {
  return randomBytes(24).toString("base64url");
}

/** A password for generated accounts (first run, invited agents): readable, 20 characters. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
