import { expect, it } from "vitest";
import { describeE2E, signIn, useAppServer, useBrowser } from "@/tests/support/browser";

/**
 * Security headers on real responses of the production server (review L3), pages working under
 * their Content-Security-Policy in Chromium (scripts carry the request's nonce; live refresh
 * connects), the Graph echo sent as nosniff text, and a server action from another origin
 * answered 403 (review L7).
 */
describeE2E("security headers", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  const common = (headers: Headers) => {
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("permissions-policy")).toContain("camera=()");
    // Served over plain http: no HSTS (it would pin a desk reached at http://127.0.0.1).
    expect(headers.get("strict-transport-security")).toBeNull();
  };

  it("a page has a CSP with a fresh nonce that every script in it carries", async () => {
    const first = await fetch(`${app().url}/sign-in`);
    const second = await fetch(`${app().url}/sign-in`);
    common(first.headers);
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("an API route and the Graph validation echo carry nosniff", async () => {
    const api = await fetch(`${app().url}/api/v1/profile`);
    expect(api.status).toBe(401);
    common(api.headers);
    const echo = await fetch(`${app().url}/api/graph/notifications?validationToken=${encodeURIComponent("<script>alert(1)</script>")}`, { method: "POST" });
    expect(echo.status).toBe(200);
    expect(echo.headers.get("content-type")).toContain("text/plain");
    expect(echo.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("a server action posted from another origin is answered 403, not 500", async () => {
    const foreign = await fetch(`${app().url}/sign-in`, {
      method: "POST",
      headers: { "next-action": "0123456789abcdef", origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
    expect(foreign.status).toBe(403);
  });

  it("the app works under the policy: sign in, the conversation list renders and live refresh connects", async () => {
    const admin = await app().seedAccount({ name: "Cora Csp" });
    const context = await browser().newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
    });
    await signIn(page, app().url, admin.email, admin.password);
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected", undefined, { timeout: 30_000 });
    expect(violations).toEqual([]);
    await context.close();
  });
});
