import { describe, expect, it } from "vitest";
import { decode, encode, type JWTDecodeParams, type JWTEncodeParams } from "next-auth/jwt";
import { cachedJwtCodec, ENCODE_REUSE_MS } from "@/lib/auth/jwt-cache";

/**
 * The session cookie's codec, remembered per process: Auth.js's real encode/decode underneath,
 * counted. A page reads the session twice per request; with the cache the second read and the
 * next request's reads cost no cryptography, and nothing a real decode would refuse is accepted.
 */
const secret = "test-secret-for-the-session-cookie";
const salt = "authjs.session-token";

function counted(clock: { now: number }) {
  const calls = { encode: 0, decode: 0 };
  const codec = cachedJwtCodec(
    {
      encode: (p: JWTEncodeParams) => (calls.encode++, encode(p)),
      decode: (p: JWTDecodeParams) => (calls.decode++, decode(p)),
    },
    () => clock.now,
  );
  return { codec, calls };
}

const claims = { userId: 7, sessionVersion: 1, sessionId: "s-1", name: "Ada", email: "ada@acme.test" };

describe("the session cookie codec cache", () => {
  it("decrypts a cookie once and hands each caller its own copy of the claims", async () => {
    const clock = { now: Date.now() };
    const { codec, calls } = counted(clock);
    const token = await encode({ token: claims, secret, salt });
    const first = await codec.decode({ token, secret, salt });
    const second = await codec.decode({ token, secret, salt });
    expect(first).toMatchObject(claims);
    expect(second).toEqual(first);
    expect(calls.decode).toBe(1);
    first!.name = "changed by a callback";
    expect((await codec.decode({ token, secret, salt }))?.name).toBe("Ada");
  });

  it("re-issues the same cookie for the same claims within the reuse window, a new one after it", async () => {
    const clock = { now: Date.now() };
    const { codec, calls } = counted(clock);
    const a = await codec.encode({ token: { ...claims, iat: 1, exp: 2, jti: "x" }, secret, salt, maxAge: 3600 });
    const b = await codec.encode({ token: { ...claims, iat: 3, exp: 4, jti: "y" }, secret, salt, maxAge: 3600 });
    expect(b).toBe(a);
    expect(calls.encode).toBe(1);
    const other = await codec.encode({ token: { ...claims, sessionId: "s-2" }, secret, salt, maxAge: 3600 });
    expect(other).not.toBe(a);
    clock.now += ENCODE_REUSE_MS + 1;
    expect(await codec.encode({ token: claims, secret, salt, maxAge: 3600 })).not.toBe(a);
    expect(calls.encode).toBe(3);
  });

  it("refuses what a real decode refuses: a cached cookie past its expiry goes back to it, a tampered one, another secret", async () => {
    const clock = { now: Date.now() };
    const { codec, calls } = counted(clock);
    const token = await encode({ token: claims, secret, salt, maxAge: 60 });
    expect(await codec.decode({ token, secret, salt })).not.toBeNull();
    clock.now += 61_000;
    await codec.decode({ token, secret, salt });
    expect(calls.decode).toBe(2);
    const expired = await encode({ token: claims, secret, salt, maxAge: -60 });
    await expect(codec.decode({ token: expired, secret, salt })).rejects.toThrow(/exp/);
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(codec.decode({ token: tampered, secret, salt })).rejects.toThrow();
    await expect(codec.decode({ token, secret: "another-secret", salt })).rejects.toThrow();
  });
});
