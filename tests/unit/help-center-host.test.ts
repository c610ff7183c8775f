import { afterEach, describe, expect, it } from "vitest";
import { setEnvVar } from "@/lib/env";
import { customDomainRewrite } from "@/lib/http/help-center-host";

afterEach(() => {
  setEnvVar("APP_URL", "");
  setEnvVar("TRUST_PROXY", "");
});

const rewrite = (path: string, headers: Record<string, string>) => customDomainRewrite(path, new Headers(headers));

describe("custom domains of help-center portals", () => {
  it("rewrites a request on another host to the portal router, keeping the path", () => {
    setEnvVar("APP_URL", "https://desk.example.test");
    expect(rewrite("/", { host: "help.acme.test" })).toBe("/hc-custom-domain/help.acme.test");
    expect(rewrite("/en/categories/account", { host: "Help.Acme.test:443" })).toBe("/hc-custom-domain/help.acme.test/en/categories/account");
    expect(rewrite("/robots.txt", { host: "help.acme.test" })).toBe("/hc-custom-domain/help.acme.test/robots.txt");
  });

  it("leaves the app's host, addresses, localhost and the app's own paths alone", () => {
    setEnvVar("APP_URL", "https://desk.example.test");
    expect(rewrite("/en", { host: "desk.example.test" })).toBeNull();
    expect(rewrite("/en", { host: "127.0.0.1:3000" })).toBeNull();
    expect(rewrite("/en", { host: "[::1]:3000" })).toBeNull();
    expect(rewrite("/en", { host: "localhost:3000" })).toBeNull();
    for (const path of ["/app/accounts/1", "/api/v1/profile", "/_next/static/x.js", "/sign-in", "/hc/docs/en", "/help-center/files/k/a.png"]) {
      expect(rewrite(path, { host: "help.acme.test" }), path).toBeNull();
    }
  });

  it("reads X-Forwarded-Host only behind a trusted proxy", () => {
    setEnvVar("APP_URL", "https://desk.example.test");
    expect(rewrite("/en", { host: "desk.example.test", "x-forwarded-host": "help.acme.test" })).toBeNull();
    setEnvVar("TRUST_PROXY", "1");
    expect(rewrite("/en", { host: "desk.example.test", "x-forwarded-host": "help.acme.test" })).toBe("/hc-custom-domain/help.acme.test/en");
  });
});
