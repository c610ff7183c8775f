import "../lib/load-env-files";
import postgres from "postgres";
import { closeDb, getDb } from "@/db/client";
import { getProfile } from "@/lib/accounts/profile";
import { userActor } from "@/lib/auth/actor";
import { searchContacts } from "@/lib/contacts/contacts";
import { listConversations } from "@/lib/conversations/list-conversations";
import { sidebarCounts } from "@/lib/conversations/sidebar-counts";
import { setEnvVar } from "@/lib/env";
import { inboxesNeedingReconnect } from "@/lib/inboxes/email-health";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { loadConversationThread } from "@/lib/messages/load-conversation-thread";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { openKeptBenchDatabase } from "./bench-database";
import { startWireRecorder } from "./pg-wire-recorder";

/**
 * `npx tsx scripts/benchmarks/explain-screens.ts <database url> | --size 1M`: EXPLAIN (ANALYZE, BUFFERS) of
 * every statement the list page and the conversation page read (the domain calls of their
 * loaders, as the administrator of the bench seed, on the busiest open conversation), recorded on
 * the wire, so each plan can be checked to be bounded by an index and not by the table's size.
 * Point it at a kept bench database, or let it open one (`--size`, as bench:inbox; not while a
 * bench:inbox of that size runs).
 */
async function main() {
  const size = process.argv.indexOf("--size");
  const kept = size === -1 ? undefined : await openKeptBenchDatabase(process.argv[size + 1]);
  const url = kept?.url ?? process.argv[2];
  if (!url) throw new Error("usage: explain-screens.ts <database url> | --size 10k|100k|1M");
  const direct = postgres(url, { max: 1, onnotice: () => {} });
  const [seed] = await direct<{ result: { accountId: number; adminUserId: number; busyOpenDisplayId: number } }[]>`select result from bench_seed limit 1`;
  const { accountId, adminUserId, busyOpenDisplayId } = seed.result;
  const [{ n: contacts }] = await direct<{ n: number }[]>`select count(*)::int as n from contacts where account_id = ${accountId}`;
  const target = new URL(url);
  const recorder = await startWireRecorder({ host: target.hostname, port: Number(target.port) });
  target.hostname = "127.0.0.1";
  target.port = String(recorder.port);
  setEnvVar("DATABASE_URL", target.toString());
  const db = getDb();
  const actor = userActor(adminUserId);
  const screens: [string, () => Promise<unknown>][] = [
    ["profile", () => getProfile(db, adminUserId)],
    ["sidebar counts", () => sidebarCounts(db, actor, accountId)],
    ["inboxes", () => listInboxes(db, actor, accountId)],
    ["reconnect banner", () => inboxesNeedingReconnect(db, actor, accountId)],
    ["notifications", () => listNotifications(db, actor, accountId, { perPage: 20 })],
    ["list (open, all)", () => listConversations(db, actor, accountId, { status: "open", assigneeType: "all" })],
    ["list (open, mine)", () => listConversations(db, actor, accountId, { status: "open", assigneeType: "me" })],
    ["list (resolved)", () => listConversations(db, actor, accountId, { status: "resolved" })],
    ["list (all, oldest first)", () => listConversations(db, actor, accountId, { status: "all", sortBy: "created_at_asc" })],
    ["conversation thread", () => loadConversationThread(db, actor, accountId, busyOpenDisplayId, {})],
    // One match among alike addresses (every seeded email is contact<n>@example.test).
    ["contact search", () => searchContacts(db, actor, accountId, { q: `contact${Math.round(contacts * 0.777)}@` })],
  ];
  try {
    for (const [label, run] of screens) {
      await run(); // warm: plans and caches as in a running server
      recorder.start();
      await run();
      for (const s of recorder.stop()) {
        if (!/^\s*(select|with)\b/i.test(s.text) || /pg_catalog/.test(s.text)) continue;
        const plan = await direct.unsafe(`explain (analyze, buffers) ${s.text}`, s.params as never[], { prepare: false });
        console.log(`\n-- ${label}: ${s.text.replace(/\s+/g, " ").slice(0, 160)}`);
        for (const row of plan) console.log(`   ${String(Object.values(row)[0])}`);
      }
    }
  } finally {
    await closeDb();
    recorder.close();
    await direct.end({ timeout: 5 });
    await kept?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
