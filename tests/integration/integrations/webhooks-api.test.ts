import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/accounts/[account_id]/webhooks/route";
import * as member from "@/app/api/v1/accounts/[account_id]/webhooks/[id]/route";
import { setEnvVar } from "@/lib/env";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "webhooks-api-test-key-0123456789abcd"));

/** A request as a form-posting client sends it (urlencoded, `subscriptions[]=`). */
async function form(handler: typeof collection.POST, token: string, params: Record<string, string>, fields: [string, string][], method = "POST") {
  const body = new URLSearchParams(fields);
  const request = new Request("http://localhost:3000/api/v1/test", {
    method,
    headers: { "content-type": "application/x-www-form-urlencoded", api_access_token: token },
    body,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("/api/v1/accounts/{id}/webhooks in Chatwoot's shapes", () => {
  it("creates from a wrapped JSON body, lists, updates unwrapped, and deletes", async () => {
    const w = await f.createWorkspace(db());
    const token = w.admin.apiAccessToken;
    const params = { account_id: w.account.id };
    const created = await call(collection.POST, {
      token,
      params,
      body: { webhook: { url: "https://crm.example.com/hooks", subscriptions: ["conversation_created", "message_created"], name: "CRM" } },
    });
    expect(created.status).toBe(200);
    const hook = created.body.payload.webhook;
    expect(hook).toMatchObject({ name: "CRM", url: "https://crm.example.com/hooks", account_id: w.account.id, subscriptions: ["conversation_created", "message_created"] });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(hook).not.toHaveProperty("inbox");

    const listed = await call(collection.GET, { token, params });
    expect(listed.body).toEqual({ payload: { webhooks: [hook] } });

    const patched = await callWith("PATCH", member.PATCH, token, { ...params, id: hook.id }, { subscriptions: ["contact_created"], inbox_id: w.inbox.id });
    expect(patched.status).toBe(200);
    expect(patched.body.payload.webhook).toMatchObject({ subscriptions: ["contact_created"], inbox: { id: w.inbox.id, name: "Support", channel_type: "Channel::Api" }, secret: hook.secret });

    const deleted = await callWith("DELETE", member.DELETE, token, { ...params, id: hook.id });
    expect(deleted.status).toBe(200);
    expect((await call(collection.GET, { token, params })).body.payload.webhooks).toEqual([]);
  });

  it("accepts form-encoded bodies with subscriptions[]= and a single subscriptions=", async () => {
    const w = await f.createWorkspace(db());
    const params = { account_id: String(w.account.id) };
    const a = await form(collection.POST, w.admin.apiAccessToken, params, [
      ["url", "https://a.example.com/"],
      ["subscriptions[]", "message_created"],
      ["subscriptions[]", "message_updated"],
      ["inbox_id", String(w.inbox.id)],
    ]);
    expect(a.status).toBe(200);
    expect(a.body.payload.webhook).toMatchObject({ subscriptions: ["message_created", "message_updated"], inbox: { id: w.inbox.id } });
    const b = await form(collection.POST, w.admin.apiAccessToken, params, [
      ["webhook[url]", "https://b.example.com/"],
      ["webhook[subscriptions]", "contact_updated"],
    ]);
    expect(b.status).toBe(200);
    expect(b.body.payload.webhook).toMatchObject({ url: "https://b.example.com/", subscriptions: ["contact_updated"] });
  });

  it("refuses agents, unknown events, plain http, duplicate URLs and another account's inbox", async () => {
    const w = await f.createWorkspace(db());
    const other = await f.createWorkspace(db());
    const params = { account_id: w.account.id };
    const body = { url: "https://crm.example.com/x", subscriptions: ["message_created"] };
    expect((await call(collection.POST, { token: w.agent.apiAccessToken, params, body })).status).toBe(403);
    expect((await call(collection.GET, { token: w.agent.apiAccessToken, params })).status).toBe(403);
    const unknown = await call(collection.POST, { token: w.admin.apiAccessToken, params, body: { ...body, subscriptions: ["message_created", "everything"] } });
    expect(unknown.status).toBe(422);
    // The test setup allows http for loopback receivers; an installation's default refuses it.
    setEnvVar("INTEGRATIONS_ALLOW_HTTP", "false");
    const http = await call(collection.POST, { token: w.admin.apiAccessToken, params, body: { ...body, url: "http://crm.example.com/x" } }).finally(() =>
      setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true"),
    );
    expect(http.status).toBe(422);
    expect(http.body.message ?? http.body.error).toMatch(/https/);
    expect((await call(collection.POST, { token: w.admin.apiAccessToken, params, body })).status).toBe(200);
    expect((await call(collection.POST, { token: w.admin.apiAccessToken, params, body })).status).toBe(422);
    const foreignInbox = await call(collection.POST, { token: w.admin.apiAccessToken, params, body: { ...body, url: "https://y.example.com/", inbox_id: other.inbox.id } });
    expect(foreignInbox.status).toBe(422);
    // Another account's administrator cannot see or change these webhooks.
    expect((await call(collection.GET, { token: other.admin.apiAccessToken, params })).status).toBe(404);
  });
});

async function callWith(method: string, handler: typeof member.PATCH, token: string, params: Record<string, string | number>, body?: unknown) {
  const request = new Request("http://localhost:3000/api/v1/test", {
    method,
    headers: { "content-type": "application/json", api_access_token: token },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
