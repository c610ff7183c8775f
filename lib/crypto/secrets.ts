import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The one module that encrypts secrets at rest (IMAP/SMTP passwords, OAuth refresh tokens,
 * webhook secrets): AES-256-GCM, stored as `v1:<iv>:<tag>:<ciphertext>` in base64url.
 * The key is ENCRYPTION_KEY, or derived from AUTH_SECRET when that is all there is (the embedded
 * default keeps AUTH_SECRET under .data/, so secrets survive restarts). Changing the key makes
 * stored secrets unreadable: admins then re-enter them, and decryptSecret says so in words.
 */
const VERSION = "v1";

function key(): Buffer {
  const { ENCRYPTION_KEY, AUTH_SECRET } = env();
  const material = ENCRYPTION_KEY ?? AUTH_SECRET;
  if (!material) throw new Error("ENCRYPTION_KEY (or AUTH_SECRET) must be set to store secrets");
  return Buffer.from(hkdfSync("sha256", material, "postdesk", "secrets-at-rest", 32));
}

/** Whether secrets can be stored: a key is configured (always in a running server: AUTH_SECRET). */
export function hasSecretKey(): boolean {
  const { ENCRYPTION_KEY, AUTH_SECRET } = env();
  return Boolean(ENCRYPTION_KEY ?? AUTH_SECRET);
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(":");
}

export class SecretUnreadableError extends Error {
  constructor() {
    super("A stored password or token could not be decrypted: the encryption key changed. Enter it again.");
    this.name = "SecretUnreadableError";
  }
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new SecretUnreadableError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError();
  }
}
