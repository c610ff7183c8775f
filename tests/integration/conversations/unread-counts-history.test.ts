import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { userActor, type Actor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { createConversation } from "@/lib/conversations/create-conversation";
import { countConversations, listConversations, MAX_CONVERSATION_PAGE } from "@/lib/conversations/list-conversations";
import { markConversationRead } from "@/lib/conversations/mark-read";
import { reopenDueSnoozedConversations } from "@/lib/conversations/reopen-snoozed";
import { compactConversationOpenCounts, sidebarCounts, sidebarCountsQuery, type SidebarCounts } from "@/lib/conversations/sidebar-counts";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { ingestRawEmails } from "@/lib/email/ingest/ingest-batch";
import { setEnvVar } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";

/**
 * Unread is kept on the conversation row (last_incoming_at, written by triggers on messages) so the
 * counts never probe messages. This replays a long random history through every path that writes
 * messages or conversations — the API's domain functions, the email import's batch, the tests'
 * factory, and raw SQL for what the product has no button for (deleting or moving a message,
 * back-dating it, deleting a conversation) — and after every step compares the sidebar, the tab
 * counts and the list's unread badges with a plain count over messages.
 */
const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "unread-counts-history-key");
});

/** mulberry32: a small seeded PRNG, so a failure replays with the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

type Truth = { id: number; displayId: number; inboxId: number; assigneeId: number | null; status: string; unreadCount: number; lastIncomingAt: string | null; newestIncoming: string | null };

/** The straightforward answer: every conversation with its unread messages counted one by one. */
async function truth(accountId: number): Promise<Truth[]> {
  const rows = await db().execute<Record<string, unknown>>(sql`
    select c.id, c.display_id, c.inbox_id, c.assignee_id, c.status,
           (select count(*)::int from messages m where m.account_id = c.account_id and m.conversation_id = c.id
              and m.message_type = 'incoming' and m.created_at > coalesce(c.agent_last_seen_at, '-infinity'::timestamptz)) as unread_count,
           (select max(m.created_at) from messages m where m.account_id = c.account_id and m.conversation_id = c.id
              and m.message_type = 'incoming')::text as newest_incoming,
           c.last_incoming_at::text as last_incoming_at
    from conversations c where c.account_id = ${accountId} order by c.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    displayId: Number(r.display_id),
    inboxId: Number(r.inbox_id),
    assigneeId: r.assignee_id === null ? null : Number(r.assignee_id),
    status: String(r.status),
    unreadCount: Number(r.unread_count),
    lastIncomingAt: r.last_incoming_at === null ? null : String(r.last_incoming_at),
    newestIncoming: r.newest_incoming === null ? null : String(r.newest_incoming),
  }));
}

function expectedSidebar(rows: Truth[], visible: number[] | "all", me: number): SidebarCounts {
  const counts: SidebarCounts = { inboxes: {}, views: { mine: { unread: 0, total: 0 }, unassigned: { unread: 0, total: 0 }, all: { unread: 0, total: 0 } }, mentions: 0 };
  for (const r of rows) {
    if (r.status !== "open" || (visible !== "all" && !visible.includes(r.inboxId))) continue;
    const unread = r.unreadCount > 0 ? 1 : 0;
    const targets = [(counts.inboxes[r.inboxId] ??= { unread: 0, total: 0 }), counts.views.all];
    if (r.assigneeId === me) targets.push(counts.views.mine);
    if (r.assigneeId === null) targets.push(counts.views.unassigned);
    for (const t of targets) {
      t.unread += unread;
      t.total += 1;
    }
  }
  return counts;
}

describe("unread and the counts over a random history", () => {
  it("agree with a plain count over messages after every one of several hundred steps", { timeout: 600_000 }, async () => {
    const seed = 20261206;
    const rng = prng(seed);
    const { account, admin, agent, inbox: apiInbox } = await f.createWorkspace(db());
    const adminsOnly = await f.createInbox(db(), account.id, { name: "Admins only", memberIds: [admin.id] });
    const { inbox: mailInbox } = await createEmailInboxRow(db(), account.id, { email: "help@example.test" });
    await f.addInboxMember(db(), account.id, mailInbox.id, agent.id);
    await f.addInboxMember(db(), account.id, mailInbox.id, admin.id);
    await f.addInboxMember(db(), account.id, apiInbox.id, admin.id);
    const people = [
      { actor: userActor(admin.id), id: admin.id, visible: "all" as const },
      { actor: userActor(agent.id), id: agent.id, visible: [apiInbox.id, mailInbox.id] },
    ];
    const apiInboxes = [apiInbox.id, adminsOnly.id];
    const mailIds: string[] = [];
    const contact = await f.createContact(db(), account.id);
    let step = 0;
    const pickConversation = async () => {
      const rows = await truth(account.id);
      return rows.length === 0 ? null : rng.pick(rows);
    };
    // A domain refusal (an agent assigning to a non-member) is a legitimate outcome of a random step.
    const tolerate = async (work: Promise<unknown>) => {
      try {
        await work;
      } catch (e) {
        if (!isAppError(e)) throw e;
      }
    };
    const admin_: Actor = people[0].actor;

    const operations: [number, string, () => Promise<void>][] = [
      [6, "new conversation through the API with a customer's first message", async () => {
        await createConversation(db(), admin_, account.id, { inboxId: rng.pick(apiInboxes), contactId: contact.id, message: { content: `Hi ${step}`, messageType: "incoming" } });
      }],
      [3, "new conversation with an agent's first message", async () => {
        await createConversation(db(), admin_, account.id, { inboxId: rng.pick(apiInboxes), contactId: contact.id, message: { content: `Hello ${step}` } });
      }],
      [6, "a batch of mail: new threads and replies into existing ones (the IMAP import)", async () => {
        const raws = Array.from({ length: 1 + rng.int(3) }, () => {
          const id = `m${step}-${rng.int(1e9)}@customer.test`;
          const replyTo = mailIds.length > 0 && rng.next() < 0.6 ? rng.pick(mailIds) : undefined;
          mailIds.push(id);
          return rawMail({ from: "Dana <dana@customer.test>", to: "help@example.test", messageId: id, subject: replyTo ? "Re: Order" : `Order ${step}`, ...(replyTo ? { inReplyTo: `<${replyTo}>`, references: `<${replyTo}>` } : {}) });
        });
        await ingestRawEmails(db(), { accountId: account.id, inboxId: mailInbox.id, source: "imap", items: raws.map((raw, i) => ({ sourceRef: `${step}:${i}`, raw })) });
      }],
      [10, "a customer writes into an existing conversation (reopens it unless kept)", async () => {
        const c = await pickConversation();
        if (c) await createMessage(db(), admin_, account.id, c.displayId, { content: `More ${step}`, messageType: "incoming", keepStatus: rng.next() < 0.2 });
      }],
      [4, "a back-dated incoming message written straight to the table (factory)", async () => {
        const c = await pickConversation();
        if (c) await f.createMessage(db(), { accountId: account.id, inboxId: c.inboxId, id: c.id, contactId: contact.id }, { createdAt: new Date(Date.now() - rng.int(7_200_000)) });
      }],
      [8, "an agent replies", async () => {
        const c = await pickConversation();
        const who = rng.pick(people);
        if (c) await tolerate(createMessage(db(), who.actor, account.id, c.displayId, { content: `Reply ${step}` }));
      }],
      [4, "an agent writes a private note", async () => {
        const c = await pickConversation();
        if (c) await createMessage(db(), admin_, account.id, c.displayId, { content: `Note ${step}`, private: true });
      }],
      [12, "an agent reads a conversation", async () => {
        const c = await pickConversation();
        const who = rng.pick(people);
        if (c) await tolerate(markConversationRead(db(), who.actor, account.id, c.displayId));
      }],
      [7, "reassigned (or unassigned)", async () => {
        const c = await pickConversation();
        if (c) await tolerate(assignConversation(db(), rng.pick(people).actor, account.id, c.displayId, { assigneeId: rng.pick([null, admin.id, agent.id]) }));
      }],
      [8, "status change: open, pending, resolved, snoozed", async () => {
        const c = await pickConversation();
        const status = rng.pick(["open", "pending", "resolved", "snoozed"] as const);
        const snoozedUntil = status === "snoozed" && rng.next() < 0.5 ? new Date(Date.now() + 3_600_000) : null;
        if (c) await toggleStatus(db(), admin_, account.id, c.displayId, { status, snoozedUntil });
      }],
      [2, "snoozes fall due and the sweep reopens them", async () => {
        await reopenDueSnoozedConversations(db(), { now: new Date(Date.now() + 2 * 3_600_000) });
      }],
      [3, "a message is deleted", async () => {
        const c = await pickConversation();
        if (c) await db().execute(sql`delete from messages where id = (select id from messages where account_id = ${account.id} and conversation_id = ${c.id} order by random() limit 1)`);
      }],
      [2, "a message moves to another conversation", async () => {
        const from = await pickConversation();
        const to = await pickConversation();
        if (from && to) {
          await db().execute(sql`update messages set conversation_id = ${to.id}, inbox_id = ${to.inboxId}
            where id = (select id from messages where account_id = ${account.id} and conversation_id = ${from.id} order by id desc limit 1)`);
        }
      }],
      [2, "a message's time or type is corrected", async () => {
        const c = await pickConversation();
        if (c) {
          await db().execute(sql`update messages set created_at = created_at - interval '3 hours',
              message_type = case when message_type = 'incoming' and random() < 0.5 then 'outgoing'::message_type else message_type end
            where id = (select id from messages where account_id = ${account.id} and conversation_id = ${c.id} order by random() limit 1)`);
        }
      }],
      [1, "a conversation is deleted", async () => {
        const c = await pickConversation();
        if (c) await db().execute(sql`delete from conversations where account_id = ${account.id} and id = ${c.id}`);
      }],
      [3, "the minute's compaction folds the counts' delta rows", async () => {
        await compactConversationOpenCounts(db());
      }],
      [1, "the agent's account is deleted with its conversations (another account's counts stay)", async () => {
        const other = await f.createWorkspace(db());
        const c = await f.createConversation(db(), other.account.id, other.inbox.id);
        await f.createMessage(db(), c);
        await db().execute(sql`delete from accounts where id = ${other.account.id}`);
      }],
      [2, "every message status changes (delivery updates touch no unread)", async () => {
        await db().execute(sql`update messages set status = 'delivered' where account_id = ${account.id} and message_type = 'outgoing' and status = 'sent'`);
      }],
    ];
    const weights = operations.reduce((sum, [w]) => sum + w, 0);
    const seen = new Map<string, number>();

    for (step = 1; step <= 320; step++) {
      let roll = rng.int(weights);
      const [, name, run] = operations.find(([w]) => (roll -= w) < 0) ?? operations[0];
      seen.set(name, (seen.get(name) ?? 0) + 1);
      await run();

      const rows = await truth(account.id);
      const where = `step ${step} (${name}, seed ${seed})`;
      // The column itself: the newest incoming message, whatever path wrote or removed it.
      expect(
        rows.filter((r) => r.lastIncomingAt !== r.newestIncoming),
        where,
      ).toEqual([]);
      for (const person of people) {
        expect(await sidebarCounts(db(), person.actor, account.id), `${where}: sidebar of user ${person.id}`).toEqual(expectedSidebar(rows, person.visible, person.id));
        const status = rng.pick(["open", "pending", "resolved", "snoozed", "all"] as const);
        const mine = rows.filter((r) => (status === "all" || r.status === status) && (person.visible === "all" || person.visible.includes(r.inboxId)));
        expect(await countConversations(db(), person.actor, account.id, { status }), `${where}: ${status} tabs of user ${person.id}`).toEqual({
          mineCount: mine.filter((r) => r.assigneeId === person.id).length,
          unassignedCount: mine.filter((r) => r.assigneeId === null).length,
          allCount: mine.length,
        });
      }
      // The list's unread badges and counts: the first page every step, every page now and then.
      const pages = step % 40 === 0 ? MAX_CONVERSATION_PAGE : 1;
      const byId = new Map(rows.map((r) => [r.id, r]));
      // The list's own tab counts (status and inbox only: from the counters) for a random status.
      const listStatus = rng.pick(["open", "pending", "resolved", "snoozed", "all"] as const);
      const listed = rows.filter((r) => listStatus === "all" || r.status === listStatus);
      expect((await listConversations(db(), people[0].actor, account.id, { status: listStatus, inboxId: apiInbox.id })).meta, `${where}: ${listStatus} list of the API inbox`).toEqual({
        mineCount: listed.filter((r) => r.inboxId === apiInbox.id && r.assigneeId === admin.id).length,
        unassignedCount: listed.filter((r) => r.inboxId === apiInbox.id && r.assigneeId === null).length,
        allCount: listed.filter((r) => r.inboxId === apiInbox.id).length,
      });
      for (let page = 1; page <= pages; page++) {
        const list = await listConversations(db(), people[0].actor, account.id, { status: "all", page });
        for (const c of list.conversations) {
          expect({ displayId: c.displayId, unread: c.unreadCount }, where).toEqual({ displayId: c.displayId, unread: byId.get(c.id)?.unreadCount });
        }
        if (list.conversations.length < 25) break;
      }
    }
    // The history really exercised every kind of step, and left unread and read conversations behind.
    expect([...seen.keys()].sort()).toEqual(operations.map(([, name]) => name).sort());
    const final = await truth(account.id);
    expect(final.some((r) => r.status === "open" && r.unreadCount > 0)).toBe(true);
    expect(final.some((r) => r.status === "open" && r.unreadCount === 0)).toBe(true);
  });

  it("serves the sidebar counts from a few counter rows, never from conversations or messages", async () => {
    const { account, admin, inbox } = await f.createWorkspace(db());
    for (let i = 0; i < 30; i++) {
      const c = await f.createConversation(db(), account.id, inbox.id, { assigneeId: i % 2 ? admin.id : null });
      await f.createMessage(db(), c);
    }
    const plan = async () => {
      const rows = await db().execute<{ "QUERY PLAN": string }>(sql`explain (analyze, costs off) ${sidebarCountsQuery(account.id, "all", admin.id)}`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    };
    const before = await plan();
    expect(before).not.toMatch(/\b(conversations|messages)\b/);
    expect(before).toMatch(/conversation_open_counts/);
    // Thirty new conversations left deltas; the compaction folds them to one row per group.
    expect((await compactConversationOpenCounts(db())).groups).toBeGreaterThan(0);
    const [{ n }] = await db().execute<{ n: number }>(sql`select count(*)::int as n from conversation_open_counts where account_id = ${account.id}`);
    expect(n).toBe(2);
    expect(await sidebarCounts(db(), userActor(admin.id), account.id)).toMatchObject({ views: { all: { unread: 30, total: 30 }, mine: { unread: 15, total: 15 } } });
  });
});
