import type { DbOrTx } from "@/db/client";
import { conversationLabels, labels, teams } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { updateAccountBusinessHours } from "@/lib/business-hours/settings";
import { recordConversationReportingEvents } from "@/lib/reports";
import * as f from "@/tests/factories";

/**
 * A known week of support (UTC; the account's hours Mon–Fri 09:00–17:00), shared by the domain,
 * API, CSV and screen tests so they assert the same numbers:
 *   A  Mon 03-02 10:00 customer; 10:01 bot; 10:30 Bob (first response 30 min); 11:00 customer;
 *      12:00 Bob (reply 1 h); 13:00 resolved (3 h); Tue 09:00 customer reopens; 09:20 Bob
 *      (reply 20 min); 10:00 resolved again (1 h from the reopen).
 *   B  Fri 03-06 16:00 customer; 16:00:30 automatic reply; 16:10 Bob's private note; over the
 *      weekend; Mon 03-09 10:00 Bob (first response 66 h, 2 h in business hours); 11:00 resolved
 *      (67 h, 3 h in business hours).
 *   C  Tue 03-03 12:00 customer; 12:05 Alice (5 min); still open; label "vip", team "Tier 1".
 */
export const RANGE = { since: new Date("2026-03-02T00:00:00Z"), until: new Date("2026-03-10T00:00:00Z") };

export const EXPECTED = {
  conversations_count: 3,
  incoming_messages_count: 5,
  outgoing_messages_count: 7,
  resolutions_count: 3,
  // percentile_cont over [300, 1800, 237600]: p90 = 1800 + 0.8 × (237600 − 1800).
  avg_first_response_time: { value: 79900, median: 1800, p90: 190440, count: 3 },
  avg_first_response_time_bh: { value: 3100, median: 1800, p90: 6120, count: 3 },
  // [300, 1200, 1800, 3600, 237600]
  reply_time: { value: 48900, median: 1800, p90: 144000, count: 5 },
  reply_time_bh: { value: 2820, median: 1800, p90: 5760, count: 5 },
  // [3600, 10800, 241200]
  avg_resolution_time: { value: 85200, median: 10800, p90: 195120, count: 3 },
  avg_resolution_time_bh: { value: 8400, median: 10800, p90: 10800, count: 3 },
};

const at = (iso: string) => new Date(`${iso}Z`);
const weekdays = (open: number, close: number) => [[], ...Array.from({ length: 5 }, () => [{ open, close }]), []];

export async function seedKnownHistory(db: DbOrTx, options: { record?: boolean } = {}) {
  const w = await f.createWorkspace(db);
  const { account, inbox, agent: bob, admin: alice } = w;
  await updateAccountBusinessHours(db, systemActor("test"), account.id, { timeZone: "UTC", days: weekdays(540, 1020) });
  const team = (await db.insert(teams).values({ accountId: account.id, name: "Tier 1" }).returning())[0];
  const label = (await db.insert(labels).values({ accountId: account.id, title: "vip" }).returning())[0];

  const a = await f.createConversation(db, account.id, inbox.id, { createdAt: at("2026-03-02T10:00:00"), assigneeId: bob.id, status: "resolved" });
  const customer = (c: typeof a, when: string) => f.createMessage(db, c, { createdAt: at(when) });
  const agentSays = (c: typeof a, userId: number, when: string, extra: Partial<Parameters<typeof f.createMessage>[2]> = {}) =>
    f.createMessage(db, c, { messageType: "outgoing", senderType: "user", senderId: userId, createdAt: at(when), ...extra });
  const line = (c: typeof a, content: string, when: string) =>
    f.createMessage(db, c, { messageType: "activity", senderType: null, senderId: null, content, createdAt: at(when) });

  await customer(a, "2026-03-02T10:00:00");
  await f.createMessage(db, a, { messageType: "outgoing", senderType: "agent_bot", senderId: null, createdAt: at("2026-03-02T10:01:00") });
  await agentSays(a, bob.id, "2026-03-02T10:30:00");
  await customer(a, "2026-03-02T11:00:00");
  await agentSays(a, bob.id, "2026-03-02T12:00:00");
  await line(a, "Bob Agent resolved the conversation", "2026-03-02T13:00:00");
  await customer(a, "2026-03-03T09:00:00");
  await line(a, "Conversation was reopened", "2026-03-03T09:00:00");
  await agentSays(a, bob.id, "2026-03-03T09:20:00");
  await line(a, "Bob Agent resolved the conversation", "2026-03-03T10:00:00");

  const b = await f.createConversation(db, account.id, inbox.id, { createdAt: at("2026-03-06T16:00:00"), assigneeId: bob.id, status: "resolved" });
  await customer(b, "2026-03-06T16:00:00");
  await f.createMessage(db, b, { messageType: "outgoing", senderType: null, senderId: null, contentAttributes: { auto_reply: true }, createdAt: at("2026-03-06T16:00:30") });
  await agentSays(b, bob.id, "2026-03-06T16:10:00", { private: true });
  await agentSays(b, bob.id, "2026-03-09T10:00:00");
  await line(b, "Conversation was marked resolved", "2026-03-09T11:00:00");

  const c = await f.createConversation(db, account.id, inbox.id, { createdAt: at("2026-03-03T12:00:00"), assigneeId: alice.id, teamId: team.id });
  await customer(c, "2026-03-03T12:00:00");
  await agentSays(c, alice.id, "2026-03-03T12:05:00");
  await db.insert(conversationLabels).values({ accountId: account.id, conversationId: c.id, labelId: label.id });

  // The backfill's path: derive every conversation's events from its history.
  if (options.record !== false) await recordConversationReportingEvents(db, account.id, [a.id, b.id, c.id]);
  return { ...w, bob, alice, team, label, conversations: { a, b, c } };
}
