import { afterEach, describe, expect, it } from "vitest";
import { setEnvVar } from "@/lib/env";
import { contentSecurityPolicy, isForeignServerAction, securityHeaders } from "@/lib/http/security-headers";

afterEach(() => {
  setEnvVar("APP_URL", "");
  setEnvVar("TRUST_PROXY", "");
});

describe("security headers", () => {
  it("HSTS only when served over https: APP_URL https, or a trusted proxy saying so", () => {
    setEnvVar("APP_URL", "http://desk.example.test");
    expect(securityHeaders(new Headers({ "x-forwarded-proto": "https" }))["Strict-Transport-Security"]).toBeUndefined();
    setEnvVar("TRUST_PROXY", "1");
    expect(securityHeaders(new Headers({ "x-forwarded-proto": "https" }))["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(securityHeaders(new Headers())["Strict-Transport-Security"]).toBeUndefined();
    setEnvVar("TRUST_PROXY", "");
    setEnvVar("APP_URL", "https://desk.example.test");
    expect(securityHeaders(new Headers())["Strict-Transport-Security"]).toBe("max-age=31536000");
  });

  it("the page policy allows scripts only with the nonce, and the realtime socket", () => {
    setEnvVar("APP_URL", "https://desk.example.test");
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-inline' 'strict");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("a server action whose Origin is another host is foreign; same host, APP_URL or no Origin are not", () => {
    setEnvVar("APP_URL", "https://desk.example.test");
    const action = (headers: Record<string, string>) => isForeignServerAction("POST", new Headers({ "next-action": "x", ...headers }));
    expect(action({ host: "desk.example.test", origin: "https://evil.example" })).toBe(true);
    expect(action({ host: "desk.example.test", origin: "null" })).toBe(true);
    expect(action({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })).toBe(false);
    expect(action({ host: "127.0.0.1:3000", origin: "https://desk.example.test" })).toBe(false);
    expect(action({ host: "internal:3000", "x-forwarded-host": "desk.example.test", origin: "https://desk.example.test" })).toBe(false);
    expect(action({ host: "desk.example.test" })).toBe(false);
    expect(isForeignServerAction("POST", new Headers({ origin: "https://evil.example", host: "desk.example.test" }))).toBe(false);
  });
});
