import "../lib/load-env-files";
import { installEventDispatcher } from "@/inngest/dispatch";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import { closeDb, createDb, getDb, installDb } from "@/db/client";
import { integrationDeliveries } from "@/db/schema";
import { startEmbeddedRunner, stopEmbeddedRunner } from "@/inngest/runner/embedded";
import { createAccountWithAdmin } from "@/lib/accounts/provision";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { env, setEnvVar } from "@/lib/env";
import { setDeliveryTiming } from "@/lib/integrations/delivery/timing";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import { createMessage } from "@/lib/messages/create-message";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { openBenchDatabase } from "./bench-database";
import { percentile, round } from "./measure";

/**
 * `npm run bench:webhooks`: the webhook pipeline against a real receiver on loopback, in this
 * process with the embedded job runner (as `npm start` runs it).
 *
 * 1. Latency: messages created one after another (each waits for its commit, not for its webhook);
 *    time from the commit to the receiver having the signed POST. p50/p95/p99.
 * 2. Throughput: N messages committed with the runner stopped, then the runner started; deliveries
 *    per second until the receiver has all N. Baseline in the same run: a bare loop of HTTP POSTs
 *    of the very same bodies to the same receiver (fetch, keep-alive, one at a time). Ratio.
 * 3. Fault run: the receiver refuses connections, then hangs (timeouts), answers 500, then 429
 *    with Retry-After, then recovers; every delivery must be accepted exactly once per delivery id.
 *    Retry delays are shortened (the attempt budget of 8 stays).
 *
 * Options: --messages N (throughput, default 500, at most 5000), --latency N (default 100),
 * --fault N (default 100), --statements (the SQL of the throughput phase, most frequent first),
 * --profile FILE (a V8 CPU profile of the throughput phase only, for Chrome DevTools). The last line of stdout is one JSON object.
 */
installEventDispatcher();

const option = (name: string, fallback: number, max: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be between 1 and ${max}`);
  return value;
};
const THROUGHPUT = option("messages", 500, 5000);
const LATENCY = option("latency", 100, 1000);
const FAULT = option("fault", 100, 1000);
const CONVERSATIONS = 20;
const LIST_STATEMENTS = process.argv.includes("--statements");
const PROFILE = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : undefined;
/** Statements sent while counting (the throughput phase), by text. */
const statements = new Map<string, number>();
let isCounting = false;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  const database = await openBenchDatabase();
  setEnvVar("DATABASE_URL", database.url);
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
  setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
  setEnvVar("LOG_LEVEL", "error");
  installDb(createDb(database.url, { onQuery: (query) => isCounting && statements.set(query.replace(/\s+/g, " ").slice(0, 140), (statements.get(query.replace(/\s+/g, " ").slice(0, 140)) ?? 0) + 1) }));
  if (!env().ENCRYPTION_KEY && !env().AUTH_SECRET) setEnvVar("ENCRYPTION_KEY", randomBytes(32).toString("hex"));
  const receiver = await startWebhookReceiver();
  try {
    const db = getDb();
    const admin = await createAccountWithAdmin(db, { accountName: "Bench", email: `bench-${process.pid}@example.test`, name: "Bench Admin" });
    const actor = userActor(admin.userId);
    const inbox = await createApiInbox(db, actor, admin.accountId, { name: "Bench API" });
    const hook = await createWebhook(db, actor, admin.accountId, { url: receiver.url, subscriptions: ["message_created"] });
    receiver.setSecrets([hook.secret]);
    const conversations: number[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const contact = await createContact(db, actor, admin.accountId, { name: `Customer ${i}` });
      const c = await createConversation(db, actor, admin.accountId, { inboxId: inbox.id, contactId: contact.id });
      conversations.push(c.displayId);
    }
    const reply = (i: number) => createMessage(db, actor, admin.accountId, conversations[i % CONVERSATIONS], { content: `Reply ${i}: ${"lorem ipsum ".repeat(20)}` });

    // 1. Latency, with the runner running.
    startEmbeddedRunner();
    await reply(0).then(() => receiver.waitFor((r) => r.accepted.length === 1, 30_000)); // warm-up
    const committedAt = new Map<number, number>();
    for (let i = 0; i < LATENCY; i++) {
      const m = await reply(i);
      committedAt.set(m.id, performance.timeOrigin + performance.now());
    }
    await receiver.waitFor((r) => r.accepted.length === LATENCY + 1, 120_000);
    const latencies = receiver.accepted
      .slice(1)
      .map((d) => d.receivedAt - (committedAt.get(d.payload.id as number) ?? NaN))
      .sort((a, b) => a - b);
    const latency = { p50: round(percentile(latencies, 50), 1), p95: round(percentile(latencies, 95), 1), p99: round(percentile(latencies, 99), 1), max: round(latencies[latencies.length - 1], 1) };
    log(`latency commit → receipt over ${LATENCY}: p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms`);

    // 2. Throughput: commit everything first, then let the runner go.
    await stopEmbeddedRunner();
    receiver.accepted.length = 0;
    for (let i = 0; i < THROUGHPUT; i++) await reply(i);
    const profiler = PROFILE ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    let started = performance.now();
    isCounting = true;
    const cpuBefore = process.cpuUsage();
    startEmbeddedRunner();
    await receiver.waitFor((r) => r.accepted.length === THROUGHPUT, 300_000);
    const pipelineMs = performance.now() - started;
    isCounting = false;
    const cpu = process.cpuUsage(cpuBefore);
    if (profiler && PROFILE) {
      const { profile } = await profiler.post("Profiler.stop");
      writeFileSync(PROFILE, JSON.stringify(profile));
      profiler.disconnect();
    }
    log(`throughput phase: this process used ${round((cpu.user + cpu.system) / 1000 / pipelineMs, 2)} of a core (${round((cpu.user + cpu.system) / 1000 / THROUGHPUT, 2)} ms CPU per delivery)`);
    const statementCount = [...statements.values()].reduce((a, b) => a + b, 0);
    log(`throughput phase: ${round(statementCount / THROUGHPUT, 1)} SQL statements per delivery`);
    if (LIST_STATEMENTS) for (const [text, n] of [...statements].sort((a, b) => b[1] - a[1]).slice(0, 40)) log(`${String(n).padStart(7)}  ${text}`);
    const pipelineRate = THROUGHPUT / (pipelineMs / 1000);
    const bodies = receiver.accepted.map((d) => d.body);
    receiver.accepted.length = 0;
    started = performance.now();
    for (const body of bodies) {
      const response = await fetch(receiver.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      await response.text();
    }
    const bareMs = performance.now() - started;
    const bareRate = bodies.length / (bareMs / 1000);
    const ratio = round(pipelineRate / bareRate, 3);
    log(`throughput over ${THROUGHPUT}: pipeline ${round(pipelineRate, 1)}/s, bare loop ${round(bareRate, 1)}/s, ratio ${ratio}`);

    // 3. Fault run.
    const fault = await faultRun(receiver, reply);
    log(`fault run over ${FAULT}: ${fault.acceptedOnce}/${fault.deliveries} accepted exactly once, ${fault.duplicates} duplicates, ${fault.requests} requests in ${fault.seconds} s`);

    const result = {
      bench: "webhooks",
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, load: os.loadavg().map((l) => round(l, 2)) },
      database: database.source,
      latency,
      throughput: { deliveries: THROUGHPUT, pipelinePerSecond: round(pipelineRate, 1), barePerSecond: round(bareRate, 1), ratio, statementsPerDelivery: round(statementCount / THROUGHPUT, 1) },
      fault,
    };
    console.log(JSON.stringify(result));
    if (fault.acceptedOnce !== fault.deliveries) process.exitCode = 1;
  } finally {
    await stopEmbeddedRunner();
    await receiver.close();
    await closeDb();
    await database.close();
  }

  async function faultRun(receiver: WebhookReceiver, reply: (i: number) => Promise<{ id: number }>) {
    setDeliveryTiming({ retryDelaysMs: [200, 400, 800, 1600, 2000, 3000, 4000], timeoutMs: 500 });
    receiver.accepted.length = 0;
    receiver.requests = 0;
    const since = new Date();
    const started = performance.now();
    await receiver.setMode("down");
    for (let i = 0; i < FAULT; i++) {
      await reply(i);
      if (i === Math.floor(FAULT / 4)) await receiver.setMode("hang");
      if (i === Math.floor(FAULT / 2)) await receiver.setMode("error");
      if (i === Math.floor((3 * FAULT) / 4)) await receiver.setMode("throttle", { retryAfterSeconds: 1 });
    }
    await new Promise((r) => setTimeout(r, 1000));
    await receiver.setMode("ok");
    const { gte } = await import("drizzle-orm");
    const rows = async () => getDb().select().from(integrationDeliveries).where(gte(integrationDeliveries.createdAt, since));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const all = await rows();
      if (all.length === FAULT && all.every((r) => r.status === "succeeded" || r.status === "failed")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1000)); // anything late would show as a duplicate
    const all = await rows();
    const counts = receiver.acceptedCounts();
    const acceptedOnce = all.filter((r) => counts.get(r.deliveryId) === 1).length;
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    setDeliveryTiming();
    return { deliveries: all.length, acceptedOnce, duplicates, failed: all.filter((r) => r.status === "failed").length, requests: receiver.requests, seconds: round((performance.now() - started) / 1000, 1) };
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
