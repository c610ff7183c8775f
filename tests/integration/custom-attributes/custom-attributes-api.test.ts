import { describe, expect, it } from "vitest";
import * as attributes from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/custom_attributes/route";
import * as conversation from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as definition from "@/app/api/v1/accounts/[account_id]/custom_attribute_definitions/[id]/route";
import * as definitions from "@/app/api/v1/accounts/[account_id]/custom_attribute_definitions/route";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

describe("custom attributes API (Chatwoot's shapes)", () => {
  it("administrators define attributes with Chatwoot's numeric or named enums; the list filters by model", async () => {
    const w = await f.createWorkspace(db());
    const params = { account_id: w.account.id };
    const created = await call(definitions.POST, {
      token: w.admin.apiAccessToken,
      params,
      body: { custom_attribute_definition: { attribute_display_name: "Plan", attribute_key: "plan", attribute_model: 0, attribute_display_type: 6, attribute_values: ["free", "pro"], attribute_description: "Billing plan" } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      attribute_display_name: "Plan",
      attribute_key: "plan",
      attribute_model: "conversation_attribute",
      attribute_display_type: "list",
      attribute_values: ["free", "pro"],
      attribute_description: "Billing plan",
      regex_pattern: null,
      default_value: null,
    });
    expect(typeof created.body.created_at).toBe("string");
    const contactDef = await call(definitions.POST, { token: w.admin.apiAccessToken, params, body: { attribute_display_name: "Signed up", attribute_key: "signed_up", attribute_model: "contact_attribute", attribute_display_type: "date" } });
    expect(contactDef.body).toMatchObject({ attribute_model: "contact_attribute", attribute_display_type: "date" });

    expect((await call(definitions.POST, { token: w.admin.apiAccessToken, params, body: { attribute_display_name: "Plan again", attribute_key: "plan", attribute_model: 0 } })).status).toBe(422);
    expect((await call(definitions.POST, { token: w.admin.apiAccessToken, params, body: { attribute_display_name: "Status", attribute_key: "status", attribute_model: 0 } })).status).toBe(422);
    expect((await call(definitions.POST, { token: w.admin.apiAccessToken, params, body: { attribute_display_name: "Tier", attribute_key: "tier", attribute_display_type: "list" } })).status).toBe(422);
    expect((await call(definitions.POST, { token: w.agent.apiAccessToken, params, body: { attribute_display_name: "X", attribute_key: "x" } })).status).toBe(403);

    const listed = async (query?: Record<string, string>) =>
      ((await call(definitions.GET, { token: w.agent.apiAccessToken, params, query })).body as { attribute_key: string }[]).map((d) => d.attribute_key);
    expect(await listed()).toEqual(["plan", "signed_up"]);
    expect(await listed({ attribute_model: "1" })).toEqual(["signed_up"]);
    expect(await listed({ attribute_model: "conversation_attribute" })).toEqual(["plan"]);

    const patched = await call(definition.PATCH, { token: w.admin.apiAccessToken, params: { ...params, id: created.body.id }, body: { attribute_values: ["free", "pro", "enterprise"] } });
    expect(patched.body.attribute_values).toEqual(["free", "pro", "enterprise"]);
    expect((await call(definition.DELETE, { token: w.admin.apiAccessToken, params: { ...params, id: created.body.id } })).status).toBe(204);
    expect(await listed()).toEqual(["signed_up"]);
  });

  it("POST /conversations/{id}/custom_attributes replaces them (merge=true keeps the rest); the conversation shows them", async () => {
    const w = await f.createWorkspace(db());
    const c = await f.createConversation(db(), w.account.id, w.inbox.id);
    const params = { account_id: w.account.id, conversation_id: c.displayId };
    const first = await call(attributes.POST, { token: w.agent.apiAccessToken, params, body: { custom_attributes: { plan: "pro", seats: 5 } } });
    expect(first.body).toEqual({ custom_attributes: { plan: "pro", seats: 5 } });
    expect((await call(attributes.POST, { token: w.agent.apiAccessToken, params, body: { custom_attributes: { seats: 7 } } })).body).toEqual({ custom_attributes: { seats: 7 } });
    expect((await call(attributes.POST, { token: w.agent.apiAccessToken, params, body: { custom_attributes: { plan: "free" }, merge: true } })).body).toEqual({ custom_attributes: { seats: 7, plan: "free" } });
    expect((await call(conversation.GET, { token: w.agent.apiAccessToken, params })).body.custom_attributes).toEqual({ seats: 7, plan: "free" });
    const outsider = await f.createAgent(db(), w.account.id, { role: "agent" });
    expect((await call(attributes.POST, { token: outsider.apiAccessToken, params, body: { custom_attributes: {} } })).status).toBe(404);
  });
});
