import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as participants from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/participants/route";
import * as messages from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import * as list from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as settings from "@/app/api/v1/accounts/[account_id]/notification_settings/route";
import { conversationFollowers, mentions, notifications } from "@/db/schema";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();
const ids = (body: { id: number }[]) => body.map((a) => a.id).sort((x, y) => x - y);

describe("participants API (Chatwoot's user_ids)", () => {
  it("adds, replaces and removes followers; only people who can see the conversation", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const p = { account_id: account.id, conversation_id: conv.displayId };
    const t = agent.apiAccessToken;
    expect((await call(participants.GET, { token: t, params: p })).body).toEqual([]);
    const added = await call(participants.POST, { token: t, params: p, body: { user_ids: [agent.id, admin.id] } });
    expect(added.status).toBe(200);
    expect(ids(added.body)).toEqual([admin.id, agent.id].sort((x, y) => x - y));
    expect(added.body[0]).toMatchObject({ account_id: account.id, available_name: expect.any(String) });
    const replaced = await call(participants.PATCH, { token: t, params: p, body: { user_ids: [admin.id] } });
    expect(ids(replaced.body)).toEqual([admin.id]);
    const removed = await call(participants.DELETE, { token: t, params: p, body: { user_ids: [admin.id] } });
    expect(removed.body).toEqual([]);
    const outsider = await f.createAgent(db(), account.id);
    expect((await call(participants.POST, { token: t, params: p, body: { user_ids: [outsider.id] } })).status).toBe(422);
    expect((await call(participants.GET, { token: outsider.apiAccessToken, params: p })).status).toBe(404);
  });
});

describe("@mentions in private notes", () => {
  it("notify the mentioned agent, make them follow and list it under their mentions; settings choose in-app and/or email", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const p = { account_id: account.id, conversation_id: conv.displayId };
    const outsider = await f.createAgent(db(), account.id, { name: "Olga Outside" });
    // Chatwoot's dashboard writes mentions as markdown links with a mention:// URL.
    const note = await call(messages.POST, {
      token: admin.apiAccessToken,
      params: p,
      body: { content: `[@Bob Agent](mention://user/${agent.id}/Bob%20Agent) and [@Olga](mention://user/${outsider.id}/Olga) please check`, private: true },
    });
    expect(note.status).toBe(200);
    const bell = await db().select().from(notifications).where(and(eq(notifications.userId, agent.id), eq(notifications.notificationType, "conversation_mention")));
    expect(bell).toHaveLength(1);
    expect(bell[0]).toMatchObject({ title: `Alice Admin mentioned you in conversation #${conv.displayId}`, body: "@Bob Agent and @Olga please check", readAt: null, emailPending: false });
    // Someone outside the inbox is not told (it would reveal the conversation).
    expect(await db().select().from(notifications).where(eq(notifications.userId, outsider.id))).toEqual([]);
    expect((await db().select().from(mentions).where(eq(mentions.conversationId, conv.id))).map((m) => m.userId)).toEqual([agent.id]);
    expect((await db().select().from(conversationFollowers).where(eq(conversationFollowers.conversationId, conv.id))).map((r) => r.userId)).toEqual([agent.id]);
    // The Mentions view (Chatwoot's conversation_type=mention) lists it for Bob, not for Alice.
    await f.createConversation(db(), account.id, inbox.id);
    const mine = await call(list.GET, { token: agent.apiAccessToken, params: { account_id: account.id }, query: { conversation_type: "mention" } });
    expect(mine.status).toBe(200);
    expect(mine.body.data.payload.map((c: { id: number }) => c.id)).toEqual([conv.displayId]);
    const hers = await call(list.GET, { token: admin.apiAccessToken, params: { account_id: account.id }, query: { conversation_type: "mention" } });
    expect(hers.body.data.payload).toEqual([]);
    const following = await call(list.GET, { token: agent.apiAccessToken, params: { account_id: account.id }, query: { conversation_type: "participating" } });
    expect(following.body.data.payload.map((c: { id: number }) => c.id)).toEqual([conv.displayId]);

    // Bob wants mentions by email only: the next one waits for his digest and rings no bell.
    const got = await call(settings.GET, { token: agent.apiAccessToken, params: { account_id: account.id } });
    expect(got.body.selected_push_flags).toContain("push_conversation_mention");
    expect(got.body.all_email_flags).toContain("email_conversation_mention");
    const patched = await call(settings.PATCH, {
      token: agent.apiAccessToken,
      params: { account_id: account.id },
      body: { notification_settings: { selected_email_flags: ["email_conversation_mention"], selected_push_flags: ["push_conversation_assignment"] } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ selected_email_flags: ["email_conversation_mention"], selected_push_flags: ["push_conversation_assignment"] });
    await call(messages.POST, { token: admin.apiAccessToken, params: p, body: { content: `again [@Bob](mention://user/${agent.id}/Bob)`, private: true } });
    const second = await db().select().from(notifications).where(and(eq(notifications.userId, agent.id), eq(notifications.notificationType, "conversation_mention")));
    expect(second).toHaveLength(2);
    const latest = second.sort((a, b) => b.id - a.id)[0];
    expect(latest.emailPending).toBe(true);
    expect(latest.readAt).not.toBeNull();
    const bad = await call(settings.PATCH, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { selected_email_flags: ["email_everything"] } });
    expect(bad.status).toBe(422);
  });
});
