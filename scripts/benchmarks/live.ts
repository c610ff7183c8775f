import "../lib/load-env-files";
import { installEventDispatcher } from "@/inngest/dispatch";
import os from "node:os";
import Pusher from "pusher";
import PusherClient from "pusher-js";
import { chromium } from "playwright-core";
import { createDb } from "@/db/client";
import { createAccountWithAdmin } from "@/lib/accounts/provision";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { startRealtimeServer } from "@/lib/realtime/server";
import { openBenchDatabase } from "./bench-database";
import { formatTiming, measure, percentile, round, type Timing } from "./measure";
import { ensureProductionBuild, startNextServer } from "./next-server";

/**
 * `npm run bench:live`: from the relay ingress POST of a mail to its row being visible in the
 * conversation list of a signed-in headless Chromium page (no reload: live refresh), one mail at a
 * time, against the production build and the embedded realtime server. The floor is one bare
 * Pusher event through the same server: `pusher` library trigger → a pusher-js client receiving it.
 * Visibility is checked every animation frame (up to ~16 ms late). The row is patched in from the
 * event's payload; when the screen's refresh lands (the sidebar counts move) is reported too, and
 * awaited before the next mail. Options: --messages N (default
 * 200, at most 1000), --rebuild. The last line of stdout is one JSON object.
 */
installEventDispatcher();

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const MESSAGES = Math.min(1000, Math.max(1, Number(option("messages") ?? 200)));
const MAX_SECONDS = 300;
const INGRESS_PASSWORD = `bench-${process.pid}`;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  const build = await ensureProductionBuild(process.argv.includes("--rebuild"));
  log(`build: ${build}`);
  const database = await openBenchDatabase();
  const realtime = await startRealtimeServer({ appId: "bench", key: "bench-key", secret: "bench-secret", port: 0, host: "127.0.0.1" });
  const vars: Record<string, string> = {
    PUSHER_APP_ID: "bench",
    PUSHER_KEY: "bench-key",
    PUSHER_SECRET: "bench-secret",
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(realtime.port),
    PUSHER_USE_TLS: "false",
    PUSHER_WS_HOST: "127.0.0.1",
    INGRESS_PASSWORD,
    INBOUND_EMAIL_DOMAIN: "in.bench.test",
    LOG_LEVEL: "warn",
  };
  for (const [k, v] of Object.entries(vars)) setEnvVar(k as Parameters<typeof setEnvVar>[0], v);
  const { db, sql } = createDb(database.url, { max: 2 });
  const server = await startNextServer(database.url);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"], headless: true });
  let floorClient: PusherClient | undefined;
  try {
    const email = "bench-agent@bench.test";
    const password = `bench-password-${process.pid}`;
    const account = await createAccountWithAdmin(db, { accountName: "Bench", email, name: "Bench Agent", password });
    const address = "support@bench.test";
    await createEmailInbox(db, userActor(account.userId), account.accountId, { name: "Mail", memberIds: [account.userId], channel: { email: address, imapEnabled: false, smtpEnabled: false } });

    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/app"), { timeout: 30_000 });
    await page.goto(`${server.baseUrl}/app/accounts/${account.accountId}/conversations?assignee_type=all`);
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected", undefined, { timeout: 30_000 });

    const auth = `Basic ${Buffer.from(`ingress:${INGRESS_PASSWORD}`).toString("base64")}`;
    let n = 0;
    const postMs: number[] = [];
    const visibleMs: number[] = [];
    const cycle = await measure(
      "ingress POST → counts refreshed",
      async () => {
        const token = `bench-${process.pid}-${++n}`;
        const raw = [`From: Carol ${n} <carol${n}@customer.test>`, `To: ${address}`, `Subject: Case ${token}`, `Message-ID: <${token}@customer.test>`, `Date: ${new Date().toUTCString()}`, "", `Body ${token}`, ""].join("\r\n");
        const t0 = performance.now();
        const response = await fetch(`${server.baseUrl}/api/ingress/relay`, { method: "POST", headers: { "content-type": "message/rfc822", authorization: auth }, body: raw });
        if (response.status !== 202) throw new Error(`ingress answered ${response.status}: ${await response.text()}`);
        postMs.push(performance.now() - t0);
        await page.waitForFunction((t) => document.body.innerText.includes(`Carol ${t}`), n, { polling: "raf", timeout: 10_000 });
        visibleMs.push(performance.now() - t0);
        // The row comes from the event's payload; the sidebar counts only with the screen's refresh,
        // awaited before the next mail so that refreshes never overlap.
        await page.waitForFunction((t) => document.querySelector(`span[title="${t} unread of ${t} open"]`) !== null, n, { polling: "raf", timeout: 10_000 });
      },
      { requests: MESSAGES, warmup: 3, maxSeconds: MAX_SECONDS },
    );

    // The floor: one event through the same server, no database, no page render.
    const trigger = new Pusher({ appId: "bench", key: "bench-key", secret: "bench-secret", host: "127.0.0.1", port: String(realtime.port), useTLS: false, cluster: "mt1" });
    floorClient = new PusherClient("bench-key", { cluster: "mt1", wsHost: "127.0.0.1", wsPort: realtime.port, forceTLS: false, enabledTransports: ["ws"] });
    const channel = floorClient.subscribe("bench-floor");
    await new Promise<void>((resolve) => channel.bind("pusher:subscription_succeeded", () => resolve()));
    let waiting: (() => void) | undefined;
    channel.bind("ping", () => waiting?.());
    const floor = await measure(
      "bare Pusher event",
      async () => {
        const got = new Promise<void>((resolve) => (waiting = resolve));
        await trigger.trigger("bench-floor", "ping", { at: Date.now() });
        await got;
      },
      { requests: MESSAGES, warmup: 3, maxSeconds: 60 },
    );

    const visible = visibleMs.slice(-cycle.requests).sort((a, b) => a - b);
    const live: Timing = {
      label: "ingress POST → row visible",
      requests: visible.length,
      p50: percentile(visible, 50),
      p95: percentile(visible, 95),
      p99: percentile(visible, 99),
      mean: visible.reduce((a, b) => a + b, 0) / visible.length,
      max: visible[visible.length - 1] ?? 0,
    };
    const report = (t: Timing) => log(formatTiming(t));
    report(live);
    report(cycle);
    report(floor);
    // Of which: the ingress answering (mail routed, stored, import queued); the rest is the job and the page.
    const posts = postMs.slice(-live.requests).sort((a, b) => a - b);
    log(`ingress POST answered: p50 ${round(percentile(posts, 50))} ms  p95 ${round(percentile(posts, 95))} ms`);
    log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${database.source}; p95 ratio to the floor: ${round(live.p95 / floor.p95, 1)}x`);
    console.log(JSON.stringify({ messages: live.requests, ingress_p50_ms: round(percentile(posts, 50), 1), p50_ms: round(live.p50, 1), p95_ms: round(live.p95, 1), refresh_p50_ms: round(cycle.p50, 1), refresh_p95_ms: round(cycle.p95, 1), floor_p50_ms: round(floor.p50, 2), floor_p95_ms: round(floor.p95, 2) }));
  } finally {
    floorClient?.disconnect();
    await browser.close();
    await server.stop();
    await realtime.close();
    await sql.end({ timeout: 5 });
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
