import { expect, it, vi } from "vitest";
import { describeE2E, useAppServer } from "@/tests/support/browser";

/**
 * The proxy and the session cookie on the production server: a recent cookie opens a page without
 * a new cookie being set on every view (lib/auth/proxy-session.ts); a cookie over a day old is
 * renewed by Auth.js (the 30-day session slides); none, or an expired one, goes to sign-in.
 */
describeE2E("session cookie renewal", () => {
  const app = useAppServer();
  const SESSION = "authjs.session-token";
  const sessionCookies = (res: Response) => res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION}=`));
  const open = (path: string, cookie?: string) => fetch(`${app().url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

  it("a recent cookie opens the inbox and is not re-issued; a day-old one is renewed once", async () => {
    const admin = await app().seedAccount();
    const inbox = `/app/accounts/${admin.accountId}/conversations`;
    const fresh = await app().sessionCookie(admin.email, admin.password);
    const recent = await open(inbox, `${SESSION}=${fresh.value}`);
    expect(recent.status).toBe(200);
    expect(await recent.text()).toContain("Conversations");
    expect(sessionCookies(recent)).toEqual([]);

    // A cookie signed in two days ago (its iat): still valid, renewed on this view.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const old = await app().sessionCookie(admin.email, admin.password).finally(() => vi.useRealTimers());
    const renewing = await open(inbox, `${SESSION}=${old.value}`);
    expect(renewing.status).toBe(200);
    const [renewed] = sessionCookies(renewing);
    expect(renewed).toMatch(/HttpOnly/i);
    const value = renewed.slice(SESSION.length + 1).split(";")[0];
    expect(value).not.toBe(old.value);
    const next = await open(inbox, `${SESSION}=${value}`);
    expect(next.status).toBe(200);
    expect(sessionCookies(next)).toEqual([]);
  });

  it("no cookie, a forged one or an expired one goes to sign-in with the page to come back to", async () => {
    const admin = await app().seedAccount();
    const inbox = `/app/accounts/${admin.accountId}/conversations`;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 31 * 24 * 60 * 60 * 1000);
    const expired = await app().sessionCookie(admin.email, admin.password).finally(() => vi.useRealTimers());
    for (const cookie of [undefined, `${SESSION}=forged`, `${SESSION}=${expired.value}`]) {
      const res = await open(inbox, cookie);
      expect(res.status).toBe(307);
      const location = new URL(res.headers.get("location") ?? "", app().url);
      expect(location.pathname).toBe("/sign-in");
      expect(location.searchParams.get("callbackUrl")).toContain(inbox);
    }
  });
});
