import { describe, expect, it } from "vitest";
import * as contactLabels from "@/app/api/v1/accounts/[account_id]/contacts/[id]/labels/route";
import * as conversationLabels from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/labels/route";
import * as conversation from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as label from "@/app/api/v1/accounts/[account_id]/labels/[id]/route";
import * as labels from "@/app/api/v1/accounts/[account_id]/labels/route";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import type { IntegrationEventData } from "@/lib/integrations/events";
import { buildIntegrationPayload } from "@/lib/integrations/payloads/build";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import { integrationEventEmitted } from "@/lib/jobs/events";
import { setEventDispatcher, type EventDispatcher } from "@/lib/jobs/send";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

async function setup() {
  const w = await f.createWorkspace(db());
  const params = { account_id: w.account.id };
  for (const title of ["billing", "vip", "refund"]) {
    const r = await call(labels.POST, { token: w.admin.apiAccessToken, params, body: { label: { title, description: `${title} things`, color: "#ff0000", show_on_sidebar: true } } });
    expect(r.status).toBe(200);
  }
  const c = await f.createConversation(db(), w.account.id, w.inbox.id);
  return { ...w, params, c, cparams: { ...params, conversation_id: c.displayId } };
}

describe("labels API (Chatwoot's shapes)", () => {
  it("administrators manage labels; titles are lower-cased and unique; agents list but cannot create", async () => {
    const w = await f.createWorkspace(db());
    const params = { account_id: w.account.id };
    const created = await call(labels.POST, { token: w.admin.apiAccessToken, params, body: { label: { title: "Billing", description: "Money", color: "#1f93ff", show_on_sidebar: true } } });
    expect(created.body).toEqual({ id: expect.any(Number), title: "billing", description: "Money", color: "#1f93ff", show_on_sidebar: true });
    expect((await call(labels.POST, { token: w.admin.apiAccessToken, params, body: { title: "BILLING" } })).status).toBe(422);
    expect((await call(labels.POST, { token: w.admin.apiAccessToken, params, body: { title: "two words" } })).status).toBe(422);
    expect((await call(labels.POST, { token: w.admin.apiAccessToken, params, body: { title: "x", color: "red;background:url(x)" } })).status).toBe(422);
    expect((await call(labels.POST, { token: w.agent.apiAccessToken, params, body: { title: "mine" } })).status).toBe(403);
    expect((await call(labels.GET, { token: w.agent.apiAccessToken, params })).body).toEqual({ payload: [created.body] });

    const patched = await call(label.PATCH, { token: w.admin.apiAccessToken, params: { ...params, id: created.body.id }, body: { label: { color: "#000000" } } });
    expect(patched.body).toMatchObject({ title: "billing", color: "#000000" });
    const other = await f.createWorkspace(db());
    expect((await call(label.GET, { token: other.admin.apiAccessToken, params: { account_id: other.account.id, id: created.body.id } })).status).toBe(404);
    expect((await call(label.DELETE, { token: w.admin.apiAccessToken, params: { ...params, id: created.body.id } })).status).toBe(200);
    expect((await call(labels.GET, { token: w.admin.apiAccessToken, params })).body).toEqual({ payload: [] });
  });

  it("POST /conversations/{id}/labels replaces the list, drops unknown titles, and the conversation JSON carries them", async () => {
    const s = await setup();
    const set = await call(conversationLabels.POST, { token: s.agent.apiAccessToken, params: s.cparams, body: { labels: ["vip", "Billing", "nope"] } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ payload: ["billing", "vip"] });
    expect((await call(conversationLabels.GET, { token: s.agent.apiAccessToken, params: s.cparams })).body).toEqual({ payload: ["billing", "vip"] });
    expect((await call(conversation.GET, { token: s.agent.apiAccessToken, params: s.cparams })).body.labels).toEqual(["billing", "vip"]);

    const replaced = await call(conversationLabels.POST, { token: s.agent.apiAccessToken, params: s.cparams, body: { labels: ["refund"] } });
    expect(replaced.body).toEqual({ payload: ["refund"] });

    // Renaming a label renames it on the conversation; deleting takes it off.
    const all = (await call(labels.GET, { token: s.admin.apiAccessToken, params: s.params })).body.payload as { id: number; title: string }[];
    const refund = all.find((l) => l.title === "refund")!;
    await call(label.PATCH, { token: s.admin.apiAccessToken, params: { ...s.params, id: refund.id }, body: { title: "refunds" } });
    expect((await call(conversationLabels.GET, { token: s.agent.apiAccessToken, params: s.cparams })).body).toEqual({ payload: ["refunds"] });
    await call(label.DELETE, { token: s.admin.apiAccessToken, params: { ...s.params, id: refund.id } });
    expect((await call(conversationLabels.GET, { token: s.agent.apiAccessToken, params: s.cparams })).body).toEqual({ payload: [] });
  });

  it("an agent outside the inbox cannot read or label its conversations", async () => {
    const s = await setup();
    const outsider = await f.createAgent(db(), s.account.id, { role: "agent" });
    expect((await call(conversationLabels.POST, { token: outsider.apiAccessToken, params: s.cparams, body: { labels: ["vip"] } })).status).toBe(404);
    expect((await call(conversationLabels.GET, { token: outsider.apiAccessToken, params: s.cparams })).status).toBe(404);
  });

  it("contacts carry labels too", async () => {
    const s = await setup();
    const params = { ...s.params, id: s.c.contactId };
    expect((await call(contactLabels.POST, { token: s.agent.apiAccessToken, params, body: { labels: ["vip", "ghost"] } })).body).toEqual({ payload: ["vip"] });
    expect((await call(contactLabels.GET, { token: s.agent.apiAccessToken, params })).body).toEqual({ payload: ["vip"] });
    const other = await f.createWorkspace(db());
    expect((await call(contactLabels.GET, { token: other.admin.apiAccessToken, params: { account_id: other.account.id, id: s.c.contactId } })).status).toBe(404);
  });

  it("a label change fires conversation_updated with changed_attributes.label_list, and webhook payloads list the labels", async () => {
    const s = await setup();
    setEnvVar("ENCRYPTION_KEY", "labels-webhook-test-key-0123456789");
    await createWebhook(db(), userActor(s.admin.id), s.account.id, { url: "https://crm.example/hooks", subscriptions: ["conversation_updated"] });
    const queued: IntegrationEventData[] = [];
    const holder = globalThis as unknown as { __postdeskEventDispatcher?: EventDispatcher };
    const original = holder.__postdeskEventDispatcher!;
    setEventDispatcher(async (events) => {
      for (const e of events) if (e.name === integrationEventEmitted.name) queued.push(e.data as IntegrationEventData);
    });
    try {
      await call(conversationLabels.POST, { token: s.agent.apiAccessToken, params: s.cparams, body: { labels: ["vip"] } });
      await call(conversationLabels.POST, { token: s.agent.apiAccessToken, params: s.cparams, body: { labels: ["vip", "billing"] } });
    } finally {
      setEventDispatcher(original);
    }
    const updates = queued.filter((e) => e.event === "conversation_updated");
    expect(updates).toHaveLength(2);
    const p = (await buildIntegrationPayload(db(), updates[1]))!.payload;
    expect(p.labels).toEqual(["billing", "vip"]);
    expect(p.changed_attributes).toEqual([{ label_list: { previous_value: ["vip"], current_value: ["billing", "vip"] } }]);
    // A payload built later from the id alone (no snapshot) lists them too.
    const fresh = (await buildIntegrationPayload(db(), { accountId: s.account.id, event: "conversation_created", conversationId: s.c.id, occurredAt: 0 }))!.payload;
    expect(fresh.labels).toEqual(["billing", "vip"]);
  });
});
