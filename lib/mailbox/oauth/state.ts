import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * The OAuth2 `state`: a signed, expiring token carrying who started the sign-in, for which account,
 * inbox draft and transport, and the PKCE verifier (encrypted, so the URL never reveals it).
 * Format `<payload base64url>.<HMAC-SHA256 base64url>`, the HMAC key derived from AUTH_SECRET.
 * The callback trusts nothing from the provider but the code and this state.
 */
export const STATE_TTL_MS = 10 * 60 * 1000;

const draftSchema = z.record(z.string(), z.unknown());

const payloadSchema = z.object({
  accountId: z.number().int(),
  userId: z.number().int(),
  provider: z.enum(["google", "microsoft"]),
  transport: z.enum(["imap_smtp", "imap_api", "graph"]),
  /** What the admin typed before "Authorize" (mailbox address, name, …), or the inbox to reconnect. */
  draft: draftSchema,
  verifierEnc: z.string(),
  nonce: z.string(),
  exp: z.number(),
});

type Payload = z.infer<typeof payloadSchema>;
export type OAuthState = Omit<Payload, "verifierEnc" | "exp"> & { codeVerifier: string; expiresAt: Date };
export type NewOAuthState = Omit<OAuthState, "nonce" | "expiresAt">;

function stateKey(): Buffer {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET must be set to sign OAuth2 requests");
  return Buffer.from(hkdfSync("sha256", secret, "postdesk", "oauth-state", 32));
}

const sign = (data: string) => createHmac("sha256", stateKey()).update(data).digest();

export function signState(state: NewOAuthState, now = Date.now()): string {
  const payload: Payload = {
    accountId: state.accountId,
    userId: state.userId,
    provider: state.provider,
    transport: state.transport,
    draft: state.draft,
    verifierEnc: encryptSecret(state.codeVerifier),
    nonce: randomBytes(16).toString("base64url"),
    exp: now + STATE_TTL_MS,
  };
  const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${data}.${sign(data).toString("base64url")}`;
}

const refused = (why: string) => new AppError("invalid", `The sign-in could not be completed: ${why}. Start again from the inbox settings.`);

/** Checks the signature and expiry; an expired or altered state is refused in words. */
export function verifyState(state: string, now = Date.now()): OAuthState {
  const [data, mac, extra] = state.split(".");
  if (!data || !mac || extra !== undefined) throw refused("the sign-in request is malformed");
  const expected = sign(data);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused("the sign-in request was altered");
  let payload: Payload;
  try {
    payload = payloadSchema.parse(JSON.parse(Buffer.from(data, "base64url").toString("utf8")));
  } catch {
    throw refused("the sign-in request is malformed");
  }
  if (payload.exp <= now) throw refused("the sign-in request expired (it is valid for 10 minutes)");
  let codeVerifier: string;
  try {
    codeVerifier = decryptSecret(payload.verifierEnc);
  } catch {
    throw refused("the sign-in request cannot be read by this server");
  }
  const { verifierEnc: _verifierEnc, exp, ...rest } = payload;
  return { ...rest, codeVerifier, expiresAt: new Date(exp) };
}
