import { describe, expect, it } from "vitest";
import * as views from "@/app/api/v1/accounts/[account_id]/custom_filters/route";
import * as view from "@/app/api/v1/accounts/[account_id]/custom_filters/[id]/route";
import * as contactFilter from "@/app/api/v1/accounts/[account_id]/contacts/filter/route";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();

const openUrgent = { payload: [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "AND" }, { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"], query_operator: null }] };

describe("custom_filters (saved views)", () => {
  it("creates, lists, shows, renames and deletes an agent's own views in Chatwoot's shape", async () => {
    const { account, agent } = await f.createWorkspace(db());
    const params = { account_id: account.id };
    const token = agent.apiAccessToken;
    const created = await call(views.POST, { token, params, body: { custom_filter: { name: "Urgent open", filter_type: "conversation", query: openUrgent } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "Urgent open", filter_type: "conversation", query: openUrgent });
    expect(typeof created.body.created_at).toBe("string");
    const contactView = await call(views.POST, { token, params, body: { name: "Berlin", type: "contact", query: { payload: [{ attribute_key: "city", filter_operator: "equal_to", values: ["Berlin"] }] } } });
    expect(contactView.body.filter_type).toBe("contact");

    const listed = await call(views.GET, { token, params });
    expect(listed.body.map((v: { name: string }) => v.name)).toEqual(["Urgent open"]);
    const contactsListed = await call(views.GET, { token, params, query: { filter_type: "contact" } });
    expect(contactsListed.body.map((v: { name: string }) => v.name)).toEqual(["Berlin"]);

    const one = { ...params, id: created.body.id };
    expect((await call(view.GET, { token, params: one })).body.name).toBe("Urgent open");
    const renamed = await call(view.PATCH, { token, params: one, body: { custom_filter: { name: "Fire" } } });
    expect(renamed.body).toMatchObject({ name: "Fire", query: openUrgent });
    const gone = await call(view.DELETE, { token, params: one });
    expect(gone.status).toBe(204);
    expect((await call(view.GET, { token, params: one })).status).toBe(404);
  });

  it("keeps views private to their agent and refuses a query the filter cannot run", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const params = { account_id: account.id };
    const mine = await call(views.POST, { token: agent.apiAccessToken, params, body: { name: "Mine", query: openUrgent } });
    const theirs = await call(view.GET, { token: admin.apiAccessToken, params: { ...params, id: mine.body.id } });
    expect(theirs.status).toBe(404);
    expect((await call(view.DELETE, { token: admin.apiAccessToken, params: { ...params, id: mine.body.id } })).status).toBe(404);
    expect((await call(views.GET, { token: admin.apiAccessToken, params })).body).toEqual([]);

    const bad = await call(views.POST, { token: agent.apiAccessToken, params, body: { name: "Broken", query: { payload: [{ attribute_key: "nope", filter_operator: "equal_to", values: ["x"] }] } } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/nope is not a filterable attribute/);
    const blank = await call(views.POST, { token: agent.apiAccessToken, params, body: { name: " ", query: openUrgent } });
    expect(blank.status).toBe(422);
  });
});

describe("POST /contacts/filter", () => {
  it("filters contacts by name, email, city and dates, case-insensitively, and rejects unknown keys", async () => {
    const { account, agent } = await f.createWorkspace(db());
    const ada = await f.createContact(db(), account.id, { name: "Ada Lovelace", email: "ada@engine.test", additionalAttributes: { city: "London" } });
    const bob = await f.createContact(db(), account.id, { name: "Bob Smith", email: "bob@shop.test", additionalAttributes: { city: "Berlin", company: "Shop GmbH" } });
    await f.createContact(db(), account.id, { name: "Carla", email: "carla@engine.test" });
    const run = (payload: unknown) => call(contactFilter.POST, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { payload } });
    const names = async (payload: unknown) => ((await run(payload)).body.payload as { name: string }[]).map((c) => c.name).sort();

    const res = await run([{ attribute_key: "name", filter_operator: "equal_to", values: ["ada lovelace"] }]);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ count: 1, current_page: 1 });
    expect(res.body.payload[0]).toMatchObject({ id: ada.id, email: "ada@engine.test" });
    expect(await names([{ attribute_key: "email", filter_operator: "contains", values: ["@ENGINE"] }])).toEqual(["Ada Lovelace", "Carla"]);
    expect(await names([{ attribute_key: "city", filter_operator: "equal_to", values: ["berlin"], query_operator: "OR" }, { attribute_key: "name", filter_operator: "contains", values: ["carl"] }])).toEqual(["Bob Smith", "Carla"]);
    expect(await names([{ attribute_key: "company", filter_operator: "does_not_contain", values: ["shop"] }])).toEqual(["Ada Lovelace", "Carla"]);
    expect(await names([{ attribute_key: "created_at", filter_operator: "is_greater_than", values: ["2000-01-01"] }])).toHaveLength(3);
    expect(bob.id).toBeGreaterThan(0);
    const unknown = await run([{ attribute_key: "favourite_colour", filter_operator: "equal_to", values: ["red"] }]);
    expect(unknown.status).toBe(422);
  });
});
