import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations } from "@/db/schema";
import * as list from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as filter from "@/app/api/v1/accounts/[account_id]/conversations/filter/route";
import * as contactFilter from "@/app/api/v1/accounts/[account_id]/contacts/filter/route";
import * as bulk from "@/app/api/v1/accounts/[account_id]/bulk_actions/route";
import { userActor } from "@/lib/auth/actor";
import { createDefinition } from "@/lib/custom-attributes/definitions";
import { changeConversationLabels, getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { assignTeam } from "@/lib/teams/assign-team";
import { createTeam } from "@/lib/teams/teams";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();

async function seed() {
  const w = await f.createWorkspace(db());
  const admin = userActor(w.admin.id);
  const mk = (o: Parameters<typeof f.createConversation>[3] = {}) => f.createConversation(db(), w.account.id, w.inbox.id, o);
  const a = await mk({ customAttributes: { plan: "Gold", seats: 12, renewal: "2027-03-01", vip: true } });
  const b = await mk({ customAttributes: { plan: "silver", seats: 3, vip: false } });
  const c = await mk();
  await createLabel(db(), admin, w.account.id, { title: "billing" });
  await createLabel(db(), admin, w.account.id, { title: "vip" });
  await changeConversationLabels(db(), admin, w.account.id, a.displayId, { add: ["billing"] });
  await changeConversationLabels(db(), admin, w.account.id, b.displayId, { add: ["vip", "billing"] });
  const sales = await createTeam(db(), admin, w.account.id, { name: "Sales" });
  await assignTeam(db(), admin, w.account.id, b.displayId, { teamId: sales.id });
  for (const [key, type] of [["plan", "list"], ["seats", "number"], ["renewal", "date"], ["vip", "checkbox"]] as const) {
    await createDefinition(db(), admin, w.account.id, { attributeKey: key, attributeDisplayName: key, attributeDisplayType: type, attributeModel: "conversation_attribute", attributeValues: type === "list" ? ["Gold", "silver"] : undefined });
  }
  return { ...w, a, b, c, sales };
}

const sorted = (xs: { displayId: number }[]) => xs.map((x) => x.displayId).sort((p, q) => p - q);
const ids = (body: { payload?: { id: number }[]; data?: { payload: { id: number }[] } }) => (body.data?.payload ?? body.payload ?? []).map((x) => x.id).sort((p, q) => p - q);

describe("labels, teams and custom attributes in filters", () => {
  it("GET /conversations honours team_id and labels (labels[]= and repeated), counts included", async () => {
    const s = await seed();
    const get = (path: string, query: Record<string, string | number> = {}) => call(list.GET, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, path, query });
    const team = await get("/x", { team_id: s.sales.id });
    expect(ids(team.body)).toEqual(sorted([s.b]));
    expect(team.body.data.meta.all_count).toBe(1);
    expect(ids((await get("/x?labels[]=vip&labels[]=nothing")).body)).toEqual(sorted([s.b]));
    expect(ids((await get("/x?labels=billing&labels=vip")).body)).toEqual(sorted([s.a, s.b]));
    expect(ids((await get("/x?labels=BILLING")).body)).toEqual(sorted([s.a, s.b]));
  });

  it("POST /conversations/filter takes labels, team_id and the account's custom attributes by type", async () => {
    const s = await seed();
    const run = async (payload: unknown) => {
      const res = await call(filter.POST, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, body: { payload } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return ids(res.body);
    };
    expect(await run([{ attribute_key: "labels", filter_operator: "equal_to", values: ["vip"] }])).toEqual(sorted([s.b]));
    expect(await run([{ attribute_key: "labels", filter_operator: "not_equal_to", values: ["vip"] }])).toEqual(sorted([s.a, s.c]));
    expect(await run([{ attribute_key: "labels", filter_operator: "is_not_present", values: [] }])).toEqual(sorted([s.c]));
    expect(await run([{ attribute_key: "team_id", filter_operator: "equal_to", values: [s.sales.id] }])).toEqual(sorted([s.b]));
    expect(await run([{ attribute_key: "team_id", filter_operator: "is_not_present", values: [] }])).toEqual(sorted([s.a, s.c]));
    expect(await run([{ attribute_key: "plan", filter_operator: "equal_to", values: ["gold"], custom_attribute_type: "conversation_attribute" }])).toEqual(sorted([s.a]));
    expect(await run([{ attribute_key: "seats", filter_operator: "is_greater_than", values: ["5"] }])).toEqual(sorted([s.a]));
    expect(await run([{ attribute_key: "seats", filter_operator: "equal_to", values: [3] }])).toEqual(sorted([s.b]));
    expect(await run([{ attribute_key: "renewal", filter_operator: "is_greater_than", values: ["2027-01-01"] }])).toEqual(sorted([s.a]));
    expect(await run([{ attribute_key: "vip", filter_operator: "equal_to", values: [true] }])).toEqual(sorted([s.a]));
    expect(await run([{ attribute_key: "plan", filter_operator: "is_not_present", values: [] }])).toEqual(sorted([s.c]));
    // A key the account never defined is refused, not ignored.
    const unknown = await call(filter.POST, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, body: { payload: [{ attribute_key: "colour", filter_operator: "equal_to", values: ["red"] }] } });
    expect(unknown.status).toBe(422);
    const badNumber = await call(filter.POST, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, body: { payload: [{ attribute_key: "seats", filter_operator: "is_greater_than", values: ["many"] }] } });
    expect(badNumber.status).toBe(422);
  });

  it("POST /contacts/filter takes contact custom attributes", async () => {
    const s = await seed();
    await createDefinition(db(), userActor(s.admin.id), s.account.id, { attributeKey: "tier", attributeDisplayName: "Tier", attributeDisplayType: "text", attributeModel: "contact_attribute" });
    const gold = await f.createContact(db(), s.account.id, { customAttributes: { tier: "Gold" } });
    const res = await call(contactFilter.POST, { token: s.admin.apiAccessToken, params: { account_id: s.account.id }, body: { payload: [{ attribute_key: "tier", filter_operator: "contains", values: ["gol"] }] } });
    expect(res.body.payload.map((c: { id: number }) => c.id)).toEqual([gold.id]);
  });

  it("bulk actions add and remove labels and set the team without touching the agent", async () => {
    const s = await seed();
    const res = await call(bulk.POST, {
      token: s.agent.apiAccessToken,
      params: { account_id: s.account.id },
      body: { type: "Conversation", ids: [s.a.displayId, s.c.displayId], fields: { team_id: s.sales.id }, labels: { add: ["vip"], remove: ["billing"] } },
    });
    expect(res.body).toMatchObject({ total: 2, failed: 0 });
    expect(await getConversationLabels(db(), userActor(s.admin.id), s.account.id, s.a.displayId)).toEqual(["vip"]);
    expect(await getConversationLabels(db(), userActor(s.admin.id), s.account.id, s.c.displayId)).toEqual(["vip"]);
    const [row] = await db().select({ teamId: conversations.teamId }).from(conversations).where(eq(conversations.id, s.c.id));
    expect(row.teamId).toBe(s.sales.id);
  });
});
