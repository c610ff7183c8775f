import { describe, expect, it } from "vitest";
import * as one from "@/app/api/v1/accounts/[account_id]/notifications/[id]/route";
import * as readAll from "@/app/api/v1/accounts/[account_id]/notifications/read_all/route";
import * as notificationsRoute from "@/app/api/v1/accounts/[account_id]/notifications/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { userActor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "./call";

const db = useTestDatabase();

/** Bob (agent) has two assignment notifications, Carl (agent) one. */
async function setup() {
  const w = await f.createWorkspace(db());
  const carl = await f.createAgent(db(), w.account.id, { name: "Carl Agent" });
  await f.addInboxMember(db(), w.account.id, w.inbox.id, carl.id);
  const assign = async (assigneeId: number) => {
    const c = await f.createConversation(db(), w.account.id, w.inbox.id);
    await assignConversation(db(), userActor(w.admin.id), w.account.id, c.displayId, { assigneeId });
    return c;
  };
  const first = await assign(w.agent.id);
  const second = await assign(w.agent.id);
  await assign(carl.id);
  return { ...w, carl, first, second };
}

describe("notifications API", () => {
  it("lists the caller's own notifications, newest first, in Chatwoot's shape", async () => {
    const w = await setup();
    const res = await call(notificationsRoute.GET, { token: w.agent.apiAccessToken, params: { account_id: w.account.id } });
    expect(res.status).toBe(200);
    expect(res.body.data.meta).toEqual({ unread_count: 2, count: 2, current_page: 1 });
    expect(res.body.data.payload).toMatchObject([
      {
        notification_type: "conversation_assignment",
        push_message_title: `Alice Admin assigned you conversation #${w.second.displayId}`,
        primary_actor_type: "Conversation",
        primary_actor_id: w.second.displayId,
        user_id: w.agent.id,
        read_at: null,
      },
      { primary_actor_id: w.first.displayId },
    ]);
    // The administrator who assigned them has none.
    const admin = await call(notificationsRoute.GET, { token: w.admin.apiAccessToken, params: { account_id: w.account.id } });
    expect(admin.body.data).toEqual({ meta: { unread_count: 0, count: 0, current_page: 1 }, payload: [] });
  });

  it("marks one read with PATCH, all with read_all, never another user's", async () => {
    const w = await setup();
    const carls = await call(notificationsRoute.GET, { token: w.carl.apiAccessToken, params: { account_id: w.account.id } });
    const carlsId = carls.body.data.payload[0].id as number;
    const bobs = await call(notificationsRoute.GET, { token: w.agent.apiAccessToken, params: { account_id: w.account.id } });
    const bobsOldest = bobs.body.data.payload[1].id as number;

    // Bob cannot read Carl's notification, nor mark it read; neither can an administrator.
    for (const token of [w.agent.apiAccessToken, w.admin.apiAccessToken]) {
      const denied = await call(one.PATCH, { token, params: { account_id: w.account.id, id: carlsId } });
      expect(denied.status).toBe(404);
    }
    const read = await call(one.PATCH, { token: w.agent.apiAccessToken, params: { account_id: w.account.id, id: bobsOldest } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: bobsOldest, read_at: expect.any(Number) });
    const after = await call(notificationsRoute.GET, { token: w.agent.apiAccessToken, params: { account_id: w.account.id } });
    expect(after.body.data.meta.unread_count).toBe(1);

    expect((await call(readAll.POST, { token: w.agent.apiAccessToken, params: { account_id: w.account.id } })).status).toBe(200);
    const done = await call(notificationsRoute.GET, { token: w.agent.apiAccessToken, params: { account_id: w.account.id } });
    expect(done.body.data.meta).toMatchObject({ unread_count: 0, count: 2 });
    const carlsAfter = await call(notificationsRoute.GET, { token: w.carl.apiAccessToken, params: { account_id: w.account.id } });
    expect(carlsAfter.body.data.meta.unread_count).toBe(1);
  });

  it("answers 401 without a token and 404 for an account the caller is not in", async () => {
    const w = await setup();
    const stranger = await f.createWorkspace(db());
    expect((await call(notificationsRoute.GET, { params: { account_id: w.account.id } })).status).toBe(401);
    const res = await call(notificationsRoute.GET, { token: stranger.agent.apiAccessToken, params: { account_id: w.account.id } });
    expect(res.status).toBe(404);
  });

  it("is in the OpenAPI document", () => {
    const doc = buildOpenApiDocument("http://localhost:3000") as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/v1/accounts/{account_id}/notifications"] ?? {})).toEqual(["get"]);
    expect(Object.keys(doc.paths["/api/v1/accounts/{account_id}/notifications/read_all"] ?? {})).toEqual(["post"]);
    expect(Object.keys(doc.paths["/api/v1/accounts/{account_id}/notifications/{id}"] ?? {})).toEqual(["patch"]);
  });
});
