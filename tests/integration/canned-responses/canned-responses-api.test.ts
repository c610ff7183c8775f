import { describe, expect, it } from "vitest";
import * as one from "@/app/api/v1/accounts/[account_id]/canned_responses/[id]/route";
import * as all from "@/app/api/v1/accounts/[account_id]/canned_responses/route";
import { cannedResponsesForConversation } from "@/lib/canned-responses/manage";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();

/** A request with a method other than call()'s GET/POST (PATCH, PUT, DELETE), as Chatwoot's clients send it. */
async function send(handler: typeof one.PATCH, method: string, token: string, params: Record<string, number>, body?: unknown) {
  const request = new Request("http://localhost:3000/api/v1/test", {
    method,
    headers: { "content-type": "application/json", api_access_token: token },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("canned responses API (Chatwoot's /canned_responses)", () => {
  it("creates, searches, updates and deletes in Chatwoot's shapes; other accounts see nothing", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const params = { account_id: account.id };
    const created = await call(all.POST, { token: agent.apiAccessToken, params, body: { canned_response: { short_code: "welcome", content: "Hello {{contact.name}}!" } } });
    expect(created.status).toBe(200);
    expect(created.body.payload).toMatchObject({ account_id: account.id, short_code: "welcome", content: "Hello {{contact.name}}!" });
    expect(typeof created.body.payload.created_at).toBe("string");
    const id = created.body.payload.id as number;

    // A flat body too, and a duplicate short code is refused.
    expect((await call(all.POST, { token: admin.apiAccessToken, params, body: { short_code: "refund", content: "We have refunded your welcome order." } })).status).toBe(200);
    expect((await call(all.POST, { token: admin.apiAccessToken, params, body: { short_code: "welcome", content: "again" } })).status).toBe(422);
    expect((await call(all.POST, { token: admin.apiAccessToken, params, body: { short_code: "empty", content: "" } })).status).toBe(422);

    const listed = await call(all.GET, { token: agent.apiAccessToken, params });
    expect(listed.body.map((r: { short_code: string }) => r.short_code).sort()).toEqual(["refund", "welcome"]);
    // search matches short code or content; a short code starting with the term comes first.
    const searched = await call(all.GET, { token: agent.apiAccessToken, params, query: { search: "welc" } });
    expect(searched.body.map((r: { short_code: string }) => r.short_code)).toEqual(["welcome", "refund"]);
    expect((await call(all.GET, { token: agent.apiAccessToken, params, query: { search: "refunded" } })).body.map((r: { short_code: string }) => r.short_code)).toEqual(["refund"]);

    const patched = await send(one.PATCH, "PATCH", agent.apiAccessToken!, { ...params, id }, { canned_response: { content: "Hi {{contact.name}}, {{agent.name}} here." } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, short_code: "welcome", content: "Hi {{contact.name}}, {{agent.name}} here." });
    const put = await send(one.PUT, "PUT", admin.apiAccessToken!, { ...params, id }, { short_code: "hello" });
    expect(put.body).toMatchObject({ id, short_code: "hello" });

    const other = await f.createWorkspace(db());
    expect((await call(all.GET, { token: other.admin.apiAccessToken, params: { account_id: other.account.id } })).body).toEqual([]);
    expect((await send(one.DELETE, "DELETE", other.admin.apiAccessToken!, { account_id: other.account.id, id })).status).toBe(404);
    expect((await send(one.DELETE, "DELETE", admin.apiAccessToken!, { ...params, id })).status).toBe(200);
    expect((await call(all.GET, { token: agent.apiAccessToken, params })).body.map((r: { short_code: string }) => r.short_code)).toEqual(["refund"]);
  });

  it("an agent edits only the responses they wrote; an administrator edits any", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const params = { account_id: account.id };
    const byAdmin = await call(all.POST, { token: admin.apiAccessToken, params, body: { short_code: "policy", content: "Our policy" } });
    const id = byAdmin.body.payload.id as number;
    expect((await send(one.PATCH, "PATCH", agent.apiAccessToken!, { ...params, id }, { content: "mine now" })).status).toBe(403);
    expect((await send(one.DELETE, "DELETE", agent.apiAccessToken!, { ...params, id })).status).toBe(403);
    const byAgent = await call(all.POST, { token: agent.apiAccessToken, params, body: { short_code: "mine", content: "Mine" } });
    expect((await send(one.PATCH, "PATCH", admin.apiAccessToken!, { ...params, id: byAgent.body.payload.id }, { content: "edited" })).status).toBe(200);
  });

  it("fills {{contact.name}}, {{agent.name}}, {{conversation.id}} for the composer's picker, only in conversations the agent may see", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const contact = await f.createContact(db(), account.id, { name: "Dana Scully", email: "dana@customer.test" });
    const conversation = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
    await call(all.POST, { token: admin.apiAccessToken, params: { account_id: account.id }, body: { short_code: "hi", content: "Hi {{contact.first_name}} ({{contact.email}}), {{agent.name}} on #{{conversation.id}} from {{inbox.name}}. {{unknown.thing}}" } });
    const [picked] = await cannedResponsesForConversation(db(), { kind: "user", userId: agent.id }, account.id, conversation.displayId, "hi");
    expect(picked.text).toBe(`Hi Dana (dana@customer.test), Bob Agent on #${conversation.displayId} from Support. `);

    const outsider = await f.createAgent(db(), account.id, { role: "agent" });
    await expect(cannedResponsesForConversation(db(), { kind: "user", userId: outsider.id }, account.id, conversation.displayId, "")).rejects.toMatchObject({ code: "not_found" });
  });
});
