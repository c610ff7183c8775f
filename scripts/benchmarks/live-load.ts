import "../lib/load-env-files";
import { installEventDispatcher } from "@/inngest/dispatch";
import os from "node:os";
import { fork } from "node:child_process";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { createDb } from "@/db/client";
import { createAccountWithAdmin } from "@/lib/accounts/provision";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { accountChannel, inboxChannel } from "@/lib/realtime/channels";
import { startRealtimeServer } from "@/lib/realtime/server";
import { openBenchDatabase } from "./bench-database";
import { percentile, round } from "./measure";
import { cpuSeconds } from "./proc-cpu";
import { ensureProductionBuild, startNextServer } from "./next-server";

/**
 * `npm run bench:live`: many connected agents and bursts of mail. --agents realtime clients
 * (pusher-js over WebSocket, default 50, in a child process: live-agents.ts) subscribe to the inbox
 * and account channels as agents' screens do, and --browsers signed-in headless Chromium pages (default 2) show the conversation
 * list. Mail arrives through the relay ingress at --rate per second (default 10) for --messages
 * mails (default 100). Reported: from each POST to the event naming it reaching each client
 * ("event received", p50/p95 over every client and mail), to its row showing in each browser
 * ("row visible", stamped in the page by a MutationObserver), the Next server's CPU time per mail (/proc utime+stime of its process tree),
 * and the server renders the browsers asked for per mail (RSC requests: should be 0 when
 * events patch the screen). The last line of stdout is one JSON object. --cpu-prof DIR writes a V8
 * profile of the Next server (as bench:inbox's).
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
  // --cpu-prof DIR: a V8 profile of the Next server over the burst (where its CPU per mail goes).
  const profileAt = process.argv.indexOf("--cpu-prof");
  const server = await startNextServer(database.url, { cpuProfileDir: profileAt === -1 ? undefined : process.argv[profileAt + 1] });
  const browser = BROWSERS > 0 ? await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"], headless: true }) : undefined;
  let stopAgents = () => {};
  try {
    const email = "bench-agent@bench.test";
    const password = `bench-password-${process.pid}`;
    const account = await createAccountWithAdmin(db, { accountName: "Bench", email, name: "Bench Agent", password });
    const address = "support@bench.test";
    const inbox = await createEmailInbox(db, userActor(account.userId), account.accountId, { name: "Mail", memberIds: [account.userId], channel: { email: address, imapEnabled: false, smtpEnabled: false } });

    // The agents: pusher-js clients on the channels an agent's screen joins, authorised locally
    // with the app secret (what the auth route would answer for a member), in a child process
    // (live-agents.ts) so their work does not delay this process's timers and sends.
    const posted = new Map<number, number>(); // mail n → epoch ms of its POST
    const received: number[] = [];
    const byMail: number[][] = []; // mail n → its event's delays over the clients
    const agents = fork(path.join(__dirname, "live-agents.ts"), [], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    stopAgents = () => agents.connected && agents.disconnect();
    const fromAgents = <T>(type: string) => new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the agents' process exited (${code})`));
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        agents.off("message", onMessage);
        agents.off("exit", onExit);
        resolve(m as T);
      };
      agents.on("message", onMessage);
      agents.once("exit", onExit);
    });
    const ready = fromAgents("ready");
    agents.send({ type: "start", port: realtime.port, key: KEY, secret: SECRET, agents: AGENTS, channels: [inboxChannel(account.accountId, inbox.id), accountChannel(account.accountId)] });
    await ready;
    /** Collects what the clients saw since the last call: POST → event, per client and mail. */
    const collect = async () => {
      const report = fromAgents<{ seen: [number, number][] }>("seen");
      agents.send({ type: "report" });
      for (const [n, at] of (await report).seen) {
        const sent = posted.get(n);
        if (sent !== undefined && n >= 1) {
          received.push(at - sent);
          (byMail[n] ??= []).push(at - sent);
        }
      }
    };
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
      // Rows are watched with a MutationObserver and stamped in the page (no per-frame scan of
      // the whole text, which itself delayed rendering when 100 rows were on screen).
      await page.evaluate(`(() => {
        window.__seen = {};
        const note = (text) => {
          // textContent runs adjacent elements together ("Carol 12Case …"): no \\b after the number.
          for (const m of (text || "").matchAll(/Carol (\\d+)(?!\\d)/g)) window.__seen[m[1]] ??= Date.now();
        };
        window.__mutations = 0;
        window.__observer = new MutationObserver((records) => {
          window.__mutations += records.length;
          // textContent, unlike innerText, reads no layout: the changed element's own text.
          for (const r of records) note(r.target.textContent);
        });
        window.__observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
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
    await collect();
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
    while (received.length < expected && Date.now() < deadline) {
      await sleep(250);
      await collect();
    }
    await sleep(3000); // let late refreshes land so they are counted
    const cpu = cpuSeconds(server.pid) - cpuBefore;

    const visible: number[] = [];
    let missingRows = 0;
    for (const page of pages) {
      const onScreen = await page.evaluate(`[new Set([...document.body.innerText.matchAll(/Carol (\\d+)\\b/g)].map((m) => m[1])).size, window.__mutations]`);
      log(`rows on a browser's screen at the end, DOM mutations seen: ${String(onScreen)}`);
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
    // A backlog grows over the burst; a fixed wait is the same for the first mails and the last.
    const firstLast = (mails: number[][]) => s(mails.flatMap((d) => d ?? [])).p50;
    log(`event received p50, first 10 mails: ${firstLast(byMail.slice(1, 11))} ms, last 10 mails: ${firstLast(byMail.slice(MESSAGES - 9))} ms`);
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
    stopAgents();
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
