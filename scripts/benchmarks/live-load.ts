import "../lib/load-env-files";
import { installEventDispatcher } from "@/inngest/dispatch";
import fs from "node:fs";
import os from "node:os";
import PusherClient from "pusher-js";
import { chromium, type Page } from "playwright-core";
import { createDb } from "@/db/client";
import { createAccountWithAdmin } from "@/lib/accounts/provision";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { accountChannel, inboxChannel } from "@/lib/realtime/channels";
import { startRealtimeServer } from "@/lib/realtime/server";
import { signChannelAuth } from "@/lib/realtime/signatures";
import { openBenchDatabase } from "./bench-database";
import { percentile, round } from "./measure";
import { ensureProductionBuild, startNextServer } from "./next-server";

/**
 * `npm run bench:live`: many connected agents and bursts of mail. --agents realtime clients
 * (pusher-js over WebSocket, default 50) subscribe to the inbox and account channels as agents'
 * screens do, and --browsers signed-in headless Chromium pages (default 2) show the conversation
 * list. Mail arrives through the relay ingress at --rate per second (default 10) for --messages
 * mails (default 100). Reported: from each POST to the event naming it reaching each client
 * ("event received", p50/p95 over every client and mail), to its row showing in each browser
 * ("row visible"), the Next server's CPU time per mail (/proc utime+stime of its process tree),
 * and the server renders the browsers asked for per mail (RSC requests: should be 0 when
 * events patch the screen). The last line of stdout is one JSON object.
 */
installEventDispatcher();

const option = (name: string, fallback: number, max: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return Math.min(max, Math.max(1, i === -1 ? fallback : Number(process.argv[i + 1])));
};
const AGENTS = option("agents", 50, 500);
const BROWSERS = process.argv.includes("--no-browsers") ? 0 : option("browsers", 2, 10);
const RATE = option("rate", 10, 100);
const MESSAGES = option("messages", 100, 2000);
const KEY = "bench-key";
const SECRET = "bench-secret";
const INGRESS_PASSWORD = `bench-${process.pid}`;
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) of a process and its descendants, from /proc. */
function cpuSeconds(root: number): number {
  const ticks = 100; // USER_HZ on Linux
  const pids = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(pid, { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / ticks });
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const visit = (pid: number) => {
    total += stats.get(pid)?.cpu ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) visit(child);
  };
  visit(root);
  return total;
}

async function main() {
  await ensureProductionBuild(process.argv.includes("--rebuild"));
  const database = await openBenchDatabase();
  const realtime = await startRealtimeServer({ appId: "bench", key: KEY, secret: SECRET, port: 0, host: "127.0.0.1" });
  const vars: Record<string, string> = {
    PUSHER_APP_ID: "bench",
    PUSHER_KEY: KEY,
    PUSHER_SECRET: SECRET,
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
  const browser = BROWSERS > 0 ? await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"], headless: true }) : undefined;
  const clients: PusherClient[] = [];
  try {
    const email = "bench-agent@bench.test";
    const password = `bench-password-${process.pid}`;
    const account = await createAccountWithAdmin(db, { accountName: "Bench", email, name: "Bench Agent", password });
    const address = "support@bench.test";
    const inbox = await createEmailInbox(db, userActor(account.userId), account.accountId, { name: "Mail", memberIds: [account.userId], channel: { email: address, imapEnabled: false, smtpEnabled: false } });

    // The agents: pusher-js clients on the channels an agent's screen joins, authorised locally
    // with the app secret (what the auth route would answer for a member).
    const posted = new Map<number, number>(); // mail n → epoch ms of its POST
    const received: number[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const client = new PusherClient(KEY, {
        cluster: "mt1",
        wsHost: "127.0.0.1",
        wsPort: realtime.port,
        forceTLS: false,
        enabledTransports: ["ws"],
        channelAuthorization: {
          endpoint: "unused",
          transport: "ajax",
          customHandler: ({ socketId, channelName }, callback) => callback(null, signChannelAuth({ key: KEY, secret: SECRET }, socketId, channelName)),
        },
      });
      clients.push(client);
      const seen = new Set<number>();
      for (const name of [inboxChannel(account.accountId, inbox.id), accountChannel(account.accountId)]) {
        const channel = client.subscribe(name);
        await new Promise<void>((resolve) => channel.bind("pusher:subscription_succeeded", () => resolve()));
        channel.bind_global((_event: string, data: unknown) => {
          const now = Date.now();
          for (const m of JSON.stringify(data ?? "").matchAll(/Carol (\d+)\b/g)) {
            const n = Number(m[1]);
            const at = posted.get(n);
            if (at !== undefined && !seen.has(n)) {
              seen.add(n);
              received.push(now - at);
            }
          }
        });
      }
    }
    log(`${AGENTS} realtime clients subscribed`);

    // The browsers: the conversation list, signed in; each row's first appearance and every
    // server render (an RSC request: router.refresh or a navigation) are written down.
    const pages: Page[] = [];
    let renders = 0;
    for (let i = 0; i < BROWSERS; i++) {
      const page = await browser!.newPage();
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/app"), { timeout: 60_000 });
      await page.goto(`${server.baseUrl}/app/accounts/${account.accountId}/conversations?assignee_type=all`);
      await page.waitForFunction(() => document.documentElement.dataset.live === "connected", undefined, { timeout: 60_000 });
      // A string, not a function: tsx would wrap named functions in a helper the page lacks.
      await page.evaluate(`(() => {
        window.__seen = {};
        const scan = () => {
          for (const m of document.body.innerText.matchAll(/Carol (\\d+)\\b/g)) window.__seen[m[1]] ??= Date.now();
          requestAnimationFrame(scan);
        };
        requestAnimationFrame(scan);
      })()`);
      page.on("request", (request) => {
        const headers = request.headers();
        if (headers["rsc"] === "1" || request.url().includes("_rsc=")) renders++;
      });
      pages.push(page);
    }
    log(`${BROWSERS} browsers on the conversation list`);

    const auth = `Basic ${Buffer.from(`ingress:${INGRESS_PASSWORD}`).toString("base64")}`;
    const send = async (n: number) => {
      const token = `bench-${process.pid}-${n}`;
      const raw = [`From: Carol ${n} <carol${n}@customer.test>`, `To: ${address}`, `Subject: Case ${token}`, `Message-ID: <${token}@customer.test>`, `Date: ${new Date().toUTCString()}`, "", `Body ${token}`, ""].join("\r\n");
      posted.set(n, Date.now());
      const response = await fetch(`${server.baseUrl}/api/ingress/relay`, { method: "POST", headers: { "content-type": "message/rfc822", authorization: auth }, body: raw });
      if (response.status !== 202) throw new Error(`ingress answered ${response.status}: ${await response.text()}`);
    };

    // Warm-up mail outside the figures, then the burst at RATE per second.
    await send(0);
    await sleep(2000);
    received.length = 0;
    renders = 0;
    const cpuBefore = cpuSeconds(server.pid);
    const started = Date.now();
    const sends: Promise<void>[] = [];
    for (let n = 1; n <= MESSAGES; n++) {
      const due = started + ((n - 1) * 1000) / RATE;
      await sleep(Math.max(0, due - Date.now()));
      sends.push(send(n));
    }
    await Promise.all(sends);
    const expected = MESSAGES * AGENTS;
    const deadline = Date.now() + 30_000;
    while (received.length < expected && Date.now() < deadline) await sleep(100);
    await sleep(3000); // let late refreshes land so they are counted
    const cpu = cpuSeconds(server.pid) - cpuBefore;

    const visible: number[] = [];
    let missingRows = 0;
    for (const page of pages) {
      const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
      for (let n = 1; n <= MESSAGES; n++) {
        const at = seen[String(n)];
        if (at === undefined) missingRows++;
        else visible.push(at - posted.get(n)!);
      }
    }
    const s = (a: number[]) => {
      const sorted = [...a].sort((x, y) => x - y);
      return { n: sorted.length, p50: round(percentile(sorted, 50) ?? 0, 1), p95: round(percentile(sorted, 95) ?? 0, 1) };
    };
    const ev = s(received);
    const rows = s(visible);
    log(`${MESSAGES} mails at ${RATE}/s to ${AGENTS} realtime clients and ${BROWSERS} browsers`);
    log(`event received (POST → client): n=${ev.n} of ${expected}, p50 ${ev.p50} ms, p95 ${ev.p95} ms`);
    if (BROWSERS > 0) log(`row visible (POST → row in the browser list): n=${rows.n} of ${MESSAGES * BROWSERS}, p50 ${rows.p50} ms, p95 ${rows.p95} ms${missingRows ? `, ${missingRows} never shown` : ""}`);
    log(`Next server CPU: ${round(cpu, 2)} s for ${MESSAGES} mails = ${round((cpu * 1000) / MESSAGES, 1)} ms per mail`);
    if (BROWSERS > 0) log(`server renders asked by the browsers: ${renders} = ${round(renders / MESSAGES / BROWSERS, 2)} per mail per browser`);
    log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, ${database.source}`);
    console.log(
      JSON.stringify({
        agents: AGENTS,
        browsers: BROWSERS,
        rate_per_s: RATE,
        messages: MESSAGES,
        event_received: ev,
        events_missing: expected - ev.n,
        row_visible: rows,
        rows_missing: missingRows,
        server_cpu_ms_per_mail: round((cpu * 1000) / MESSAGES, 1),
        renders_per_mail_per_browser: BROWSERS > 0 ? round(renders / MESSAGES / BROWSERS, 2) : null,
        load_avg_1m: round(os.loadavg()[0]),
      }),
    );
  } finally {
    for (const c of clients) c.disconnect();
    await browser?.close();
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
