import { decode as decodeJwt, encode as encodeJwt, type JWT, type JWTDecodeParams, type JWTEncodeParams } from "next-auth/jwt";

/**
 * The session cookie is an encrypted JWT (JWE, A256CBC-HS512, its key derived with HKDF). Auth.js
 * decrypts it and encrypts a fresh one on every session read, and a signed-in page reads the
 * session twice (the proxy, then the page): four HKDF derivations and as many AES/HMAC passes per
 * request, the largest share of a page's crypto. Both results are remembered per process:
 * - a decoded token, by its exact string (authenticated encryption: the same string always decodes
 *   to the same claims), until its own expiry; callers get a copy, as Auth.js mutates it;
 * - an encoded token, by its claims, for ENCODE_REUSE_MS: the cookie then stays the same string
 *   from request to request, so the next request's decode is a hit as well. A token reused this
 *   way expires at most that much earlier than a fresh one would (sessions last 30 days).
 * Nothing about validity is cached beyond the token itself: revocation and the session version are
 * still checked in the database on every request (auth.ts, `jwt` callback).
 */
export const ENCODE_REUSE_MS = 60_000;
const MAX_ENTRIES = 2_000;

type Codec = { encode: (params: JWTEncodeParams) => Promise<string>; decode: (params: JWTDecodeParams) => Promise<JWT | null> };

/** Insertion-ordered map used as a small LRU: a hit moves to the end, the oldest entry goes first. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
}

const secretKey = (secret: string | string[]) => (Array.isArray(secret) ? secret.join("\0") : secret);

export function cachedJwtCodec(codec: Codec = { encode: encodeJwt, decode: decodeJwt }, now: () => number = Date.now): Codec {
  const decoded = new Map<string, JWT>();
  const encoded = new Map<string, { token: string; at: number }>();
  return {
    async decode(params) {
      if (!params.token) return codec.decode(params);
      const key = `${params.salt}\0${secretKey(params.secret)}\0${params.token}`;
      const hit = decoded.get(key);
      if (hit && (typeof hit.exp !== "number" || hit.exp * 1000 > now())) {
        remember(decoded, key, hit);
        return { ...hit };
      }
      decoded.delete(key);
      const payload = await codec.decode(params);
      if (payload) remember(decoded, key, { ...payload });
      return payload;
    },
    async encode(params) {
      // iat, exp and jti are set anew by every encode: the rest is what the token says.
      const { iat: _iat, exp: _exp, jti: _jti, ...claims } = params.token ?? {};
      const key = `${params.salt}\0${secretKey(params.secret)}\0${params.maxAge ?? ""}\0${JSON.stringify(claims)}`;
      const hit = encoded.get(key);
      if (hit && now() - hit.at < ENCODE_REUSE_MS) return hit.token;
      const token = await codec.encode(params);
      remember(encoded, key, { token, at: now() });
      return token;
    },
  };
}

/**
 * One codec per process, shared by the proxy's and the app's copies of this module (Next bundles
 * them separately): the token the proxy issued is then known to the page as well.
 */
const shared = globalThis as typeof globalThis & { __postdeskJwtCodec?: Codec };
export const sessionJwtCodec: Codec = (shared.__postdeskJwtCodec ??= cachedJwtCodec());
