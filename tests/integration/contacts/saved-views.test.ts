import { describe, expect, it } from "vitest";
import * as customFiltersRoute from "@/app/api/v1/accounts/[account_id]/custom_filters/route";
import { userActor } from "@/lib/auth/actor";
import { createContactView, getContactView, listContactViews, loadContactsPage } from "@/lib/contacts/saved-views";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();
type Payload = Parameters<typeof loadContactsPage>[3]["payload"];

/** Chatwoot's dashboard payload for "email contains @acme.test". */
const ACME = [{ attribute_key: "email", filter_operator: "contains", values: ["@acme.test"] }];

describe("saved contact views", () => {
  it("a view saved in the app is Chatwoot's custom_filter of type contact; one saved through the API is listed in the app; each agent sees their own", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const me = userActor(agent.id);
    const saved = await createContactView(db(), me, account.id, { name: "Acme people", payload: ACME });

    const api = await call(customFiltersRoute.GET, { token: agent.apiAccessToken, params: { account_id: account.id }, query: { filter_type: "contact" } });
    expect(api.status).toBe(200);
    expect(api.body).toEqual([expect.objectContaining({ id: saved.id, name: "Acme people", filter_type: "contact", query: { payload: ACME } })]);

    const posted = await call(customFiltersRoute.POST, {
      token: agent.apiAccessToken,
      params: { account_id: account.id },
      body: { custom_filter: { name: "Londoners", type: "contact", query: { payload: [{ attribute_key: "city", filter_operator: "equal_to", values: ["London"], query_operator: null }] } } },
    });
    expect(posted.status).toBe(200);
    const conversationView = await call(customFiltersRoute.POST, {
      token: agent.apiAccessToken,
      params: { account_id: account.id },
      body: { name: "Open", filter_type: "conversation", query: { payload: [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"] }] } },
    });
    expect((await listContactViews(db(), me, account.id)).map((v) => v.name)).toEqual(["Acme people", "Londoners"]);
    // Another agent's views are not theirs; a conversation view is not a contact view.
    expect(await listContactViews(db(), userActor(admin.id), account.id)).toEqual([]);
    await expect(getContactView(db(), userActor(admin.id), account.id, saved.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getContactView(db(), me, account.id, conversationView.body.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a view's filter lists the matching contacts; a filter the domain refuses says why instead of failing; a view that can never run is not saved", async () => {
    const { account, agent } = await f.createWorkspace(db());
    const me = userActor(agent.id);
    await f.createContact(db(), account.id, { name: "Ada", email: "ada@acme.test" });
    await f.createContact(db(), account.id, { name: "Ben", email: "ben@acme.test" });
    await f.createContact(db(), account.id, { name: "Cy", email: "cy@other.test" });
    const view = await createContactView(db(), me, account.id, { name: "Acme", payload: ACME });
    const { page, filterError } = await loadContactsPage(db(), me, account.id, { q: "", page: 1, payload: (await getContactView(db(), me, account.id, view.id)).payload as Payload });
    expect(filterError).toBeNull();
    expect(page?.contacts.map((c) => c.name).sort()).toEqual(["Ada", "Ben"]);

    const refused = await loadContactsPage(db(), me, account.id, { q: "", page: 1, payload: [{ attribute_key: "shoe_size", filter_operator: "equal_to", values: ["9"] }] as Payload });
    expect(refused.page).toBeNull();
    expect(refused.filterError).toMatch(/shoe_size/);
    await expect(createContactView(db(), me, account.id, { name: "Broken", payload: [{ attribute_key: "shoe_size", filter_operator: "equal_to", values: ["9"] }] })).rejects.toMatchObject({ code: "invalid" });
  });
});
