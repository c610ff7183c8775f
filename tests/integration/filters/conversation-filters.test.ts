import { describe, expect, it } from "vitest";
import * as list from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as filter from "@/app/api/v1/accounts/[account_id]/conversations/filter/route";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();
const day = 86_400_000;

/** Five conversations in two inboxes with distinct status, priority, assignee, subject and dates. */
async function seed() {
  const { account, admin, agent, inbox } = await f.createWorkspace(db());
  const other = await f.createInbox(db(), account.id, { name: "Billing", memberIds: [] });
  const now = Date.now();
  const mk = (inboxId: number, o: Parameters<typeof f.createConversation>[3]) => f.createConversation(db(), account.id, inboxId, o);
  const a = await mk(inbox.id, { status: "open", priority: "urgent", assigneeId: agent.id, createdAt: new Date(now - 10 * day), lastActivityAt: new Date(now - 1 * day), waitingSince: new Date(now - 5 * day), additionalAttributes: { mail_subject: "Refund for order 1234" } });
  const b = await mk(inbox.id, { status: "open", priority: "low", createdAt: new Date(now - 3 * day), lastActivityAt: new Date(now - 2 * day), waitingSince: new Date(now - 9 * day), additionalAttributes: { mail_subject: "Login trouble" } });
  const c = await mk(inbox.id, { status: "resolved", createdAt: new Date(now - 30 * day), lastActivityAt: new Date(now - 20 * day), additionalAttributes: { mail_subject: "Invoice copy" } });
  const d = await mk(other.id, { status: "pending", priority: "high", createdAt: new Date(now - 1 * day), lastActivityAt: new Date(now - 3 * day) });
  const e = await mk(inbox.id, { status: "open", createdAt: new Date(now - 2 * day), lastActivityAt: new Date(now - 4 * day) });
  await f.createMessage(db(), b, { content: "I cannot log in since Tuesday" });
  await f.createMessage(db(), c, { content: "Please send the invoice again" });
  return { account, admin, agent, inbox, other, a, b, c, d, e };
}

const ids = (body: { payload?: { id: number }[]; data?: { payload: { id: number }[] } }) => (body.data?.payload ?? body.payload ?? []).map((x) => x.id);

describe("GET /conversations: sort_by, q and unknown parameters", () => {
  it("sorts by each of Chatwoot's orders", async () => {
    const s = await seed();
    const get = (sort_by: string) => call(list.GET, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, query: { status: "open", sort_by } });
    expect(ids((await get("last_activity_at_desc")).body)).toEqual([s.a, s.b, s.e].map((x) => x.displayId));
    expect(ids((await get("last_activity_at_asc")).body)).toEqual([s.e, s.b, s.a].map((x) => x.displayId));
    expect(ids((await get("created_at_desc")).body)).toEqual([s.e, s.b, s.a].map((x) => x.displayId));
    expect(ids((await get("created_at_asc")).body)).toEqual([s.a, s.b, s.e].map((x) => x.displayId));
    expect(ids((await get("priority_desc")).body)).toEqual([s.a, s.b, s.e].map((x) => x.displayId));
    expect(ids((await get("priority_asc")).body)).toEqual([s.e, s.b, s.a].map((x) => x.displayId));
    // Waiting longest first; conversations nobody is waiting on come last.
    expect(ids((await get("waiting_since_asc")).body)).toEqual([s.b, s.a, s.e].map((x) => x.displayId));
    expect(ids((await get("sort_on_waiting_since")).body)).toEqual([s.b, s.a, s.e].map((x) => x.displayId));
    const bad = await get("random");
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/sort_by/);
  });

  it("q finds conversations by message text in any status, and counts only those", async () => {
    const s = await seed();
    const res = await call(list.GET, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, query: { q: "INVOICE" } });
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([s.c.displayId]);
    expect(res.body.data.meta.all_count).toBe(1);
    // LIKE's wildcards are literal.
    const wild = await call(list.GET, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, query: { q: "%" } });
    expect(ids(wild.body)).toEqual([]);
  });

  it("refuses a parameter it does not know instead of returning the unfiltered list", async () => {
    const s = await seed();
    const res = await call(list.GET, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, query: { updated_within: "3600" } });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/updated_within/);
  });
});

describe("POST /conversations/filter", () => {
  const run = (s: Awaited<ReturnType<typeof seed>>, payload: unknown, token = s.admin.apiAccessToken, extra: Record<string, unknown> = {}) =>
    call(filter.POST, { token, params: { account_id: s.account.id }, body: { payload, ...extra } });

  it("answers Chatwoot's shape for a status + priority filter", async () => {
    const s = await seed();
    const res = await run(s, [
      { attribute_key: "status", filter_operator: "equal_to", values: ["open", "pending"], query_operator: "AND" },
      { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent", "high"], query_operator: null },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ mine_count: 0, unassigned_count: 1, all_count: 2 });
    expect(ids(res.body)).toEqual([s.a.displayId, s.d.displayId]);
    expect(res.body.payload[0]).toMatchObject({ id: s.a.displayId, status: "open", priority: "urgent" });
  });

  it("joins conditions with AND before OR, as Chatwoot strings them", async () => {
    const s = await seed();
    // status = resolved OR (inbox = Billing AND priority = high)
    const res = await run(s, [
      { attribute_key: "status", filter_operator: "equal_to", values: ["resolved"], query_operator: "or" },
      { attribute_key: "inbox_id", filter_operator: "equal_to", values: [s.other.id], query_operator: "AND" },
      { attribute_key: "priority", filter_operator: "equal_to", values: ["high"] },
    ]);
    expect(ids(res.body).sort()).toEqual([s.c.displayId, s.d.displayId].sort());
  });

  it("filters by assignee, presence, dates, days_before and the email subject", async () => {
    const s = await seed();
    const one = async (payload: unknown) => ids((await run(s, payload)).body).sort((x, y) => x - y);
    const sorted = (...cs: { displayId: number }[]) => cs.map((c) => c.displayId).sort((x, y) => x - y);
    expect(await one([{ attribute_key: "assignee_id", filter_operator: "equal_to", values: [s.agent.id] }])).toEqual(sorted(s.a));
    expect(await one([{ attribute_key: "assignee_id", filter_operator: "not_equal_to", values: [s.agent.id] }])).toEqual(sorted(s.b, s.c, s.d, s.e));
    expect(await one([{ attribute_key: "assignee_id", filter_operator: "is_present", values: [] }])).toEqual(sorted(s.a));
    expect(await one([{ attribute_key: "priority", filter_operator: "equal_to", values: ["none"] }])).toEqual(sorted(s.c, s.e));
    const fiveDaysAgo = new Date(Date.now() - 5 * day).toISOString().slice(0, 10);
    expect(await one([{ attribute_key: "created_at", filter_operator: "is_greater_than", values: [fiveDaysAgo] }])).toEqual(sorted(s.b, s.d, s.e));
    expect(await one([{ attribute_key: "created_at", filter_operator: "days_before", values: ["7"] }])).toEqual(sorted(s.a, s.c));
    expect(await one([{ attribute_key: "last_activity_at", filter_operator: "is_less_than", values: [fiveDaysAgo] }])).toEqual(sorted(s.c));
    expect(await one([{ attribute_key: "mail_subject", filter_operator: "contains", values: ["REFUND"] }])).toEqual(sorted(s.a));
    expect(await one([{ attribute_key: "mail_subject", filter_operator: "does_not_contain", values: ["refund", "login"] }])).toEqual(sorted(s.c, s.d, s.e));
  });

  it("rejects an unknown attribute, an operator the attribute does not take, and bad values with 422", async () => {
    const s = await seed();
    const unknown = await run(s, [{ attribute_key: "campaign_id", filter_operator: "equal_to", values: [1] }]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/campaign_id is not a filterable attribute/);
    const op = await run(s, [{ attribute_key: "status", filter_operator: "contains", values: ["op"] }]);
    expect(op.status).toBe(422);
    expect(op.body.message).toMatch(/status does not take contains/);
    const value = await run(s, [{ attribute_key: "status", filter_operator: "equal_to", values: ["closed"] }]);
    expect(value.status).toBe(422);
    const date = await run(s, [{ attribute_key: "created_at", filter_operator: "is_greater_than", values: ["yesterday"] }]);
    expect(date.status).toBe(422);
    const empty = await run(s, []);
    expect(empty.status).toBe(422);
    const badOperator = await run(s, [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "XOR" }]);
    expect(badOperator.status).toBe(422);
  });

  it("shows an agent only conversations of inboxes they are a member of", async () => {
    const s = await seed();
    const res = await run(s, [{ attribute_key: "status", filter_operator: "equal_to", values: ["all"] }], s.agent.apiAccessToken);
    expect(res.status).toBe(200);
    expect(ids(res.body).sort()).toEqual([s.a, s.b, s.c, s.e].map((c) => c.displayId).sort());
    expect(res.body.meta).toEqual({ mine_count: 1, unassigned_count: 3, all_count: 4 });
    // Naming an inbox the agent cannot see finds nothing rather than revealing it.
    const hidden = await run(s, [{ attribute_key: "inbox_id", filter_operator: "equal_to", values: [s.other.id] }], s.agent.apiAccessToken);
    expect(ids(hidden.body)).toEqual([]);
  });

  it("pages and sorts the match", async () => {
    const s = await seed();
    const res = await run(s, [{ attribute_key: "status", filter_operator: "not_equal_to", values: ["resolved"] }], s.admin.apiAccessToken, { sort_by: "created_at_asc" });
    expect(ids(res.body)).toEqual([s.a, s.b, s.e, s.d].map((c) => c.displayId));
    const page2 = await run(s, [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"] }], s.admin.apiAccessToken, { page: 2 });
    expect(page2.status).toBe(200);
    expect(ids(page2.body)).toEqual([]);
  });
});
