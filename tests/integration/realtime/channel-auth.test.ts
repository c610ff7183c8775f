import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { updateAgent } from "@/lib/accounts/agents";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { userActor } from "@/lib/auth/actor";
import { pusherAuthResponse, pusherUserAuthResponse } from "@/lib/realtime/auth-route";
import { authorizeChannel } from "@/lib/realtime/authorize-channel";
import { accountChannel, inboxChannel, memberChannel, parseChannel, userChannel } from "@/lib/realtime/channels";
import { verifyChannelAuth, verifyUserAuth } from "@/lib/realtime/signatures";
import { createAccount, createAgent, createConversation, createInbox, createWorkspace } from "../../factories";
import { useTestDatabase } from "../../support/db";
import { TEST_PUSHER_APP, connectAs, settle, useRealtimeServer, type TestClient } from "../../support/realtime";

const db = useTestDatabase();
const realtime = useRealtimeServer();

type World = Awaited<ReturnType<typeof createWorkspace>> & {
  outsider: { id: number };
  otherInbox: { id: number };
  otherAccount: { id: number };
};
let w: World;

beforeAll(async () => {
  const workspace = await createWorkspace(db());
  // An agent of the same account who is a member of another inbox only.
  const outsider = await createAgent(db(), workspace.account.id, { name: "Olga Outsider" });
  const otherInbox = await createInbox(db(), workspace.account.id, { name: "Billing", memberIds: [outsider.id] });
  const otherAccount = await createAccount(db());
  w = { ...workspace, outsider, otherInbox, otherAccount };
});

const allowed = (userId: number, channel: string) =>
  authorizeChannel(db(), userActor(userId), channel).then(
    () => true,
    (error: { code?: string }) => {
      if (error.code !== "forbidden") throw error;
      return false;
    },
  );

describe("channel names", () => {
  it("round-trip and refuse anything else", () => {
    expect(parseChannel(accountChannel(7))).toEqual({ kind: "account", accountId: 7 });
    expect(parseChannel(inboxChannel(7, 12))).toEqual({ kind: "inbox", accountId: 7, inboxId: 12 });
    expect(parseChannel(userChannel(3))).toEqual({ kind: "user", userId: 3 });
    expect(parseChannel(memberChannel(7, 3))).toEqual({ kind: "member", accountId: 7, userId: 3 });
    expect(memberChannel(7, 3)).toBe("private-account-7-user-3");
    expect(inboxChannel(7, 12)).toBe("private-account-7-inbox-12");
    for (const name of ["private-account-07", "private-account-1-inbox-", "presence-account-1", "account-1", "private-user-1x", "private-account-99999999999999999"]) {
      expect(parseChannel(name)).toBeNull();
    }
  });
});

describe("who may subscribe", () => {
  it("account channel: members of the account only", async () => {
    expect(await allowed(w.agent.id, accountChannel(w.account.id))).toBe(true);
    expect(await allowed(w.admin.id, accountChannel(w.account.id))).toBe(true);
    expect(await allowed(w.agent.id, accountChannel(w.otherAccount.id))).toBe(false);
    expect(await allowed(w.agent.id, accountChannel(999_999))).toBe(false);
  });

  it("inbox channel: members of the inbox and administrators", async () => {
    expect(await allowed(w.agent.id, inboxChannel(w.account.id, w.inbox.id))).toBe(true);
    expect(await allowed(w.admin.id, inboxChannel(w.account.id, w.inbox.id))).toBe(true);
    expect(await allowed(w.admin.id, inboxChannel(w.account.id, w.otherInbox.id))).toBe(true);
    expect(await allowed(w.outsider.id, inboxChannel(w.account.id, w.inbox.id))).toBe(false);
    expect(await allowed(w.agent.id, inboxChannel(w.account.id, w.otherInbox.id))).toBe(false);
    // An inbox of this account named under another account's id.
    expect(await allowed(w.admin.id, inboxChannel(w.otherAccount.id, w.inbox.id))).toBe(false);
  });

  it("member channel: that member of that account only; a custom role that narrows conversations gets it and not the inbox channel", async () => {
    expect(await allowed(w.agent.id, memberChannel(w.account.id, w.agent.id))).toBe(true);
    expect(await allowed(w.admin.id, memberChannel(w.account.id, w.agent.id))).toBe(false);
    expect(await allowed(w.agent.id, memberChannel(w.otherAccount.id, w.agent.id))).toBe(false);
    const narrowed = await createAgent(db(), w.account.id, { name: "Nora Narrow" });
    const inbox = await createInbox(db(), w.account.id, { name: "Narrow desk", memberIds: [narrowed.id] });
    const role = await createCustomRole(db(), userActor(w.admin.id), w.account.id, { name: "Own only", permissions: ["conversation_participating_manage"] });
    await updateAgent(db(), userActor(w.admin.id), w.account.id, narrowed.id, { customRoleId: role.id });
    expect(await allowed(narrowed.id, inboxChannel(w.account.id, inbox.id))).toBe(false);
    expect(await allowed(narrowed.id, memberChannel(w.account.id, narrowed.id))).toBe(true);
    expect(await allowed(narrowed.id, memberChannel(w.account.id, w.agent.id))).toBe(false);
  });

  it("user channel: that user only; unknown names never", async () => {
    expect(await allowed(w.agent.id, userChannel(w.agent.id))).toBe(true);
    expect(await allowed(w.admin.id, userChannel(w.agent.id))).toBe(false);
    expect(await allowed(w.admin.id, "private-anything")).toBe(false);
    expect(await allowed(w.admin.id, "public-news")).toBe(false);
  });
});

describe("POST /api/pusher/auth", () => {
  const form = (fields: Record<string, string>) =>
    new Request("http://localhost/api/pusher/auth", { method: "POST", body: new URLSearchParams(fields) });

  it("signs an allowed channel for this socket, refuses others with 403 and the signed-out with 401", async () => {
    const channel = inboxChannel(w.account.id, w.inbox.id);
    const ok = await pusherAuthResponse(w.agent.id, form({ socket_id: "123.456", channel_name: channel }));
    expect(ok.status).toBe(200);
    const { auth } = (await ok.json()) as { auth: string };
    expect(auth.startsWith(`${TEST_PUSHER_APP.key}:`)).toBe(true);
    expect(verifyChannelAuth(TEST_PUSHER_APP, auth, "123.456", channel)).toBe(true);
    expect(verifyChannelAuth(TEST_PUSHER_APP, auth, "123.457", channel)).toBe(false);

    expect((await pusherAuthResponse(w.outsider.id, form({ socket_id: "123.456", channel_name: channel }))).status).toBe(403);
    expect((await pusherAuthResponse(null, form({ socket_id: "123.456", channel_name: channel }))).status).toBe(401);
    expect((await pusherAuthResponse(w.agent.id, form({ socket_id: "not a socket", channel_name: channel }))).status).toBe(422);
    expect((await pusherAuthResponse(w.agent.id, form({ channel_name: channel }))).status).toBe(422);
  });
});

describe("POST /api/pusher/user-auth (the connection signs in as the session's user)", () => {
  const form = (fields: Record<string, string>) =>
    new Request("http://localhost/api/pusher/user-auth", { method: "POST", body: new URLSearchParams(fields) });

  it("signs the session's own user for this socket; 401 signed out, 422 for a bad socket id", async () => {
    const ok = await pusherUserAuthResponse(w.agent.id, form({ socket_id: "123.456" }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { auth: string; user_data: string };
    expect(JSON.parse(body.user_data)).toEqual({ id: String(w.agent.id) });
    expect(verifyUserAuth(TEST_PUSHER_APP, body.auth, "123.456", body.user_data)).toBe(true);
    // The user cannot be swapped after signing (the user data is what is signed).
    expect(verifyUserAuth(TEST_PUSHER_APP, body.auth, "123.456", JSON.stringify({ id: String(w.admin.id) }))).toBe(false);
    expect((await pusherUserAuthResponse(null, form({ socket_id: "123.456" }))).status).toBe(401);
    expect((await pusherUserAuthResponse(w.agent.id, form({ socket_id: "not a socket" }))).status).toBe(422);
  });
});

describe("an agent outside the inbox", () => {
  const clients: TestClient[] = [];
  afterAll(() => clients.forEach((c) => c.disconnect()));

  it("cannot subscribe to it and receives nothing of it, while its members do", async () => {
    const member = await connectAs(realtime().port, db, w.agent.id);
    const outsider = await connectAs(realtime().port, db, w.outsider.id);
    clients.push(member, outsider);
    const channel = inboxChannel(w.account.id, w.inbox.id);
    await member.subscribe(channel);
    await expect(outsider.subscribe(channel)).rejects.toThrow(/subscription refused/);
    // The outsider listens on everything it may: its own inbox, the account, itself.
    await outsider.subscribe(inboxChannel(w.account.id, w.otherInbox.id));
    await outsider.subscribe(accountChannel(w.account.id));
    await outsider.subscribe(userChannel(w.outsider.id));

    const conversation = await createConversation(db(), w.account.id, w.inbox.id);
    await toggleStatus(db(), userActor(w.agent.id), w.account.id, conversation.displayId, { status: "resolved" });
    const event = await member.waitFor((e) => e.name === "conversation.status_changed");
    expect(event.channel).toBe(channel);
    await settle();
    expect(outsider.received).toEqual([]);
    expect(realtime().subscriberCount(channel)).toBe(1);
  });
});
