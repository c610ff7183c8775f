import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as domainRoute from "@/app/hc-custom-domain/[host]/[[...path]]/route";
import * as route from "@/app/hc/[portal]/[[...path]]/route";
import { getSql } from "@/db/client";
import { appUrl, setEnvVar } from "@/lib/env";
import { frontRoute, startHelpCenterFront, type HelpCenterFront } from "@/lib/help-center/public/front";
import { customDomainRewrite } from "@/lib/http/help-center-host";
import * as factories from "@/tests/factories";
import * as hc from "@/tests/factories/help-center";
import { useTestDatabase } from "@/tests/support/db";

/**
 * The help center's front door (`npm start`, scripts/server.ts): a real http server with the front
 * in front of the route handlers, called as Next calls them. Counts what reaches "Next".
 */
const db = useTestDatabase();
let front: HelpCenterFront;
let server: http.Server;
let base = "";
let nextCalls = 0;

/** Stands in for Next: the proxy's custom-domain rewrite, then the route handler. */
async function nextHandler(req: http.IncomingMessage, res: http.ServerResponse) {
  nextCalls++;
  const url = new URL(req.url ?? "/", appUrl());
  const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
  const request = new Request(url, { method: req.method, headers });
  const rewritten = customDomainRewrite(url.pathname, headers);
  let response: Response;
  if (rewritten) {
    const [host, ...path] = rewritten.slice("/hc-custom-domain/".length).split("/");
    response = await domainRoute.GET(request, { params: Promise.resolve({ host, path }) });
  } else {
    const [portal, ...path] = url.pathname.slice("/hc/".length).split("/").map(decodeURIComponent);
    response = await route.GET(request, { params: Promise.resolve({ portal, path }) });
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

beforeAll(async () => {
  db();
  front = await startHelpCenterFront(getSql(), { recheckMs: 60_000 });
  server = http.createServer((req, res) => {
    void front.handle(req, res).then((done) => (done ? undefined : nextHandler(req, res)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await front?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

async function setup() {
  const w = await factories.createWorkspace(db());
  const portal = await hc.createPortal(db(), w.account.id, { name: "Front Help" });
  const category = await hc.createCategory(db(), portal, { name: "Account", slug: "account" });
  const article = await hc.createArticle(db(), portal, { title: "Password reset", slug: "password-reset", categoryId: category.id, content: "Open **Sign in**. ".repeat(80) });
  return { ...w, portal, article };
}

/**
 * The next answer for `path` once the change's notification (NOTIFY at commit, a few ms) reached the
 * front. recheckMs is a minute here, so only the notification can make the front let go of a page.
 */
async function nextAnswer(path: string, changed: (r: Awaited<ReturnType<typeof get>>) => boolean, headers: Record<string, string> = {}) {
  const deadline = Date.now() + 3000;
  let answer = await get(path, headers);
  while (!changed(answer) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    answer = await get(path, headers);
  }
  return answer;
}

describe("help center front (npm start)", () => {
  it("answers a page the router already served, with the same body and headers, without reaching Next", async () => {
    const s = await setup();
    const path = `/hc/${s.portal.slug}/articles/password-reset`;
    nextCalls = 0;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(nextCalls).toBe(1);
    const second = await get(path);
    expect(nextCalls).toBe(1);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    for (const name of ["content-type", "content-security-policy", "etag", "cache-control", "vary", "x-frame-options", "x-content-type-options", "referrer-policy"]) {
      expect(second.headers[name], name).toBe(first.headers[name]);
    }
    // ETag: 304 with no body; gzip for those who ask.
    const notModified = await get(path, { "if-none-match": String(first.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    const zipped = await get(path, { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body).equals(first.body)).toBe(true);
    expect(nextCalls).toBe(1);
    // A query string, a search and a POST are Next's.
    await get(`${path}?feedback=thanks`);
    expect(nextCalls).toBe(2);
  });

  it("lets go of a page when the database announces a change, even one made in plain SQL", async () => {
    const s = await setup();
    const path = `/hc/${s.portal.slug}/articles/password-reset`;
    await get(path);
    await get(path);
    await db().execute(sql`update articles set title = 'Reset your password' where id = ${s.article.id}`);
    expect((await nextAnswer(path, (r) => r.body.toString().includes("Reset your password"))).status).toBe(200);

    await db().execute(sql`update articles set status = 'draft' where id = ${s.article.id}`);
    expect((await nextAnswer(path, (r) => r.status === 404)).status).toBe(404);
    await db().execute(sql`update articles set status = 'published' where id = ${s.article.id}`);
    expect((await nextAnswer(path, (r) => r.status === 200)).status).toBe(200);
    await get(path);
    await db().execute(sql`update portals set archived = true where id = ${s.portal.id}`);
    expect((await nextAnswer(path, (r) => r.status === 404)).status).toBe(404);
  });

  it("serves a custom domain's pages only while the portal still has that domain", async () => {
    const s = await setup();
    await db().execute(sql`update portals set custom_domain = 'help.front.test' where id = ${s.portal.id}`);
    const host = { host: "help.front.test" };
    nextCalls = 0;
    expect((await get("/articles/password-reset", host)).status).toBe(200);
    expect((await get("/articles/password-reset", host)).status).toBe(200);
    expect(nextCalls).toBe(1);
    await db().execute(sql`update portals set custom_domain = 'docs.front.test' where id = ${s.portal.id}`);
    expect((await nextAnswer("/articles/password-reset", (r) => r.status === 404, host)).status).toBe(404);
    // ... and not at all before its portal's version is known: it asks the database first.
    expect((await get("/articles/password-reset", { host: "docs.front.test" })).status).toBe(200);
  });

  it("lets a CDN keep pages only when told to (HELP_CENTER_CDN_MAX_AGE), the same from Next and from the front", async () => {
    const s = await setup();
    const path = `/hc/${s.portal.slug}/articles/password-reset`;
    const plain = await get(path);
    expect(plain.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    expect(plain.headers["cdn-cache-control"]).toBeUndefined();
    setEnvVar("HELP_CENTER_CDN_MAX_AGE", "30");
    try {
      nextCalls = 0;
      for (const answer of [await get(`/hc/${s.portal.slug}/en`), await get(`/hc/${s.portal.slug}/en`)]) {
        expect(answer.headers["cache-control"]).toBe("public, max-age=0, s-maxage=30, must-revalidate");
        expect(answer.headers["cdn-cache-control"]).toBe("public, max-age=30, stale-while-revalidate=60");
      }
      expect(nextCalls).toBe(1);
      // Answers that must not be shared stay private.
      expect((await get(`/hc/${s.portal.slug}/en/search?query=password`)).headers["cache-control"]).toBe("no-store");
    } finally {
      setEnvVar("HELP_CENTER_CDN_MAX_AGE", "");
    }
  });

  it("leaves to Next what it cannot key safely", () => {
    const h = { get: () => null };
    expect(frontRoute("/hc/acme/articles/x", h)).toBe("s acme/articles/x");
    for (const url of ["/hc/acme/articles/x/", "/hc//x", "/hc/acme/articles/x?y=1", "/hc/acme/%2e%2e/x", "/hc/acme/a%2Fb", "/app/accounts/1", "/hc/acme/a%zz"]) {
      expect(frontRoute(url, h), url).toBeNull();
    }
  });
});
