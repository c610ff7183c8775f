import { InngestTestEngine } from "@inngest/test";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runActionAs } from "@/app/_server/action";
import { presenceHeartbeatAction, setAvailabilityAction } from "@/app/_server/actions/presence";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as profileAvailability from "@/app/api/v1/profile/availability/route";
import { accountUsers } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { announceStalePresenceFunction } from "@/inngest/functions/accounts/announce-stale-presence";
import { listAgents, updateAgent } from "@/lib/accounts/agents";
import { setOwnAvailability } from "@/lib/accounts/availability";
import { announceStalePresence, recordPresenceHeartbeat } from "@/lib/accounts/presence-heartbeat";
import { systemActor, userActor } from "@/lib/auth/actor";
import { getConversation } from "@/lib/conversations/get-conversation";
import { accountChannel } from "@/lib/realtime/channels";
import type { PresencePayload } from "@/lib/realtime/payloads";
import * as factories from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, settle, useRealtimeServer, type ReceivedEvent, type TestClient } from "../../support/realtime";
import { call } from "../api/call";

/**
 * Agent presence: every change of what others see goes out as `presence.update` on the account
 * channel after the commit (never for a rolled-back change), with a version that only grows; an
 * "online" agent whose app tabs stopped sending heartbeats reads as offline. A teammate's pusher-js
 * client (real WebSocket, embedded server) is the witness.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();

let w: Awaited<ReturnType<typeof factories.createWorkspace>>;
let teammate: TestClient;

beforeAll(async () => {
  w = await factories.createWorkspace(db());
  teammate = await connectAs(realtime().port, db, w.agent.id);
  await teammate.subscribe(accountChannel(w.account.id));
});
afterAll(() => teammate.disconnect());

/** presence.update events received from now on. */
function mark() {
  const from = teammate.received.length;
  return () => teammate.received.slice(from).filter((e) => e.name === "presence.update");
}
const about = (userId: number) => (e: ReceivedEvent) => e.name === "presence.update" && String(userId) in (e.data as PresencePayload).users;
const membership = (userId: number) => and(eq(accountUsers.accountId, w.account.id), eq(accountUsers.userId, userId));
/** As if the agent's last change and last heartbeat were `minutes` ago. */
const lastSeenMinutesAgo = (userId: number, minutes: number) =>
  db()
    .update(accountUsers)
    .set({ lastSeenAt: sql`now() - make_interval(mins => ${minutes})`, updatedAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(membership(userId));

describe("presence.update", () => {
  it("an agent's own change reaches teammates on the account channel, with a growing version", async () => {
    const since = mark();
    const first = await setOwnAvailability(db(), userActor(w.admin.id), w.account.id, { availability: "busy" });
    const second = await setOwnAvailability(db(), userActor(w.admin.id), w.account.id, { availability: "offline" });
    expect(second.version).toBeGreaterThan(first.version);
    await teammate.waitFor((e) => about(w.admin.id)(e) && (e.data as PresencePayload).users[String(w.admin.id)] === "offline");
    const events = since();
    expect(events.map((e) => e.channel)).toEqual([accountChannel(w.account.id), accountChannel(w.account.id)]);
    expect(events.map((e) => e.data)).toEqual([
      { accountId: w.account.id, users: { [String(w.admin.id)]: "busy" }, version: first.version },
      { accountId: w.account.id, users: { [String(w.admin.id)]: "offline" }, version: second.version },
    ]);
  });

  it("an administrator's change in Settings → Agents goes out too; a change of role alone does not", async () => {
    const since = mark();
    await updateAgent(db(), userActor(w.admin.id), w.account.id, w.agent.id, { role: "agent" });
    await updateAgent(db(), userActor(w.admin.id), w.account.id, w.agent.id, { availability: "busy" });
    const event = await teammate.waitFor(about(w.agent.id));
    expect((event.data as PresencePayload).users).toEqual({ [String(w.agent.id)]: "busy" });
    await settle();
    expect(since()).toHaveLength(1);
  });

  it("nothing goes out while the transaction is open, nor when it rolls back", async () => {
    const since = mark();
    await expect(
      inTransaction(db(), async (tx) => {
        await setOwnAvailability(tx, userActor(w.admin.id), w.account.id, { availability: "online" });
        await settle();
        expect(since()).toEqual([]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await settle();
    expect(since()).toEqual([]);
    const [row] = await db().select({ availability: accountUsers.availability }).from(accountUsers).where(membership(w.admin.id));
    expect(row?.availability).toBe("offline");
  });

  it("only members set an availability, and only a known one", async () => {
    const outsider = await factories.createUser(db());
    await expect(setOwnAvailability(db(), userActor(outsider.id), w.account.id, { availability: "busy" })).rejects.toMatchObject({ code: "not_found" });
    await expect(setOwnAvailability(db(), systemActor("test"), w.account.id, { availability: "busy" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setOwnAvailability(db(), userActor(w.admin.id), w.account.id, { availability: "away" as never })).rejects.toMatchObject({
      code: "invalid",
    });
  });

  it("the avatar menu's action answers with what the dot should show", async () => {
    const result = await runActionAs(setAvailabilityAction, { actor: userActor(w.agent.id), userId: w.agent.id }, { accountId: w.account.id, availability: "online" });
    expect(result).toMatchObject({ ok: true, data: { userId: w.agent.id, availability: "online" } });
    const refused = await runActionAs(setAvailabilityAction, { actor: userActor(w.agent.id), userId: w.agent.id }, { accountId: 999_999, availability: "busy" });
    expect(refused).toEqual({ ok: false, error: "Account not found" });
  });
});

describe("online needs an open app tab (auto-offline)", () => {
  it("reads an online agent without heartbeats as offline, everywhere others see them", async () => {
    const account = await factories.createAccount(db());
    const agent = await factories.createAgent(db(), account.id, { name: "Quiet Quinn" });
    const admin = await factories.createAgent(db(), account.id, { role: "administrator" });
    const inbox = await factories.createInbox(db(), account.id, { memberIds: [agent.id] });
    const conversation = await factories.createConversation(db(), account.id, inbox.id, { assigneeId: agent.id });
    const seen = async () => {
      const agents = await listAgents(db(), userActor(admin.id), account.id);
      const summary = await getConversation(db(), userActor(admin.id), account.id, conversation.displayId);
      return { chosen: agents.find((a) => a.id === agent.id)?.availability, presence: agents.find((a) => a.id === agent.id)?.presence, assignee: summary.assignee?.availability };
    };
    // Never opened the app: online by choice, offline to everyone else.
    expect(await seen()).toEqual({ chosen: "online", presence: "offline", assignee: "offline" });
    await runActionAs(presenceHeartbeatAction, { actor: userActor(agent.id), userId: agent.id }, { accountId: account.id });
    expect(await seen()).toEqual({ chosen: "online", presence: "online", assignee: "online" });
    await db().update(accountUsers).set({ lastSeenAt: sql`now() - interval '6 minutes'` }).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, agent.id)));
    expect(await seen()).toEqual({ chosen: "online", presence: "offline", assignee: "offline" });
    // Busy is a choice that needs nobody at the keyboard; so is turning auto-offline off.
    await updateAgent(db(), userActor(admin.id), account.id, agent.id, { availability: "busy" });
    expect((await seen()).presence).toBe("busy");
    await updateAgent(db(), userActor(admin.id), account.id, agent.id, { availability: "online", autoOffline: false });
    expect((await seen()).presence).toBe("online");
  });

  it("announces going away once (the cron sweep) and coming back (the next heartbeat)", async () => {
    await setOwnAvailability(db(), userActor(w.admin.id), w.account.id, { availability: "online" });
    await lastSeenMinutesAgo(w.admin.id, 6);
    const since = mark();
    const swept = await announceStalePresence(db());
    expect(swept.filter((c) => c.userId === w.admin.id)).toEqual([expect.objectContaining({ accountId: w.account.id, availability: "offline" })]);
    await teammate.waitFor((e) => about(w.admin.id)(e) && since().includes(e));
    expect((since()[0]?.data as PresencePayload).users).toEqual({ [String(w.admin.id)]: "offline" });
    // Once is enough: the next run of the cron function has nothing to announce.
    const cron = await new InngestTestEngine({ function: announceStalePresenceFunction }).execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(cron.error).toBeUndefined();
    expect(cron.result).toEqual({ announced: 0 });

    const back = await recordPresenceHeartbeat(db(), userActor(w.admin.id), w.account.id);
    expect(back.availability).toBe("online");
    expect(back.version).toBeGreaterThan(swept[0]?.version ?? Infinity);
    await teammate.waitFor((e) => about(w.admin.id)(e) && (e.data as PresencePayload).version === back.version);
    // A heartbeat of someone who never left changes nothing anyone sees.
    const quiet = mark();
    await recordPresenceHeartbeat(db(), userActor(w.admin.id), w.account.id);
    await settle();
    expect(quiet()).toEqual([]);
    // Busy agents are not swept: busy does not depend on being here.
    await setOwnAvailability(db(), userActor(w.admin.id), w.account.id, { availability: "busy" });
    await lastSeenMinutesAgo(w.admin.id, 30);
    expect((await announceStalePresence(db())).filter((c) => c.userId === w.admin.id)).toEqual([]);
  });
});

describe("POST /api/v1/profile/availability", () => {
  it("sets the token holder's availability in one of their accounts and answers with the profile", async () => {
    const since = mark();
    const res = await call(profileAvailability.POST, {
      token: w.agent.apiAccessToken,
      path: "/api/v1/profile/availability",
      body: { profile: { availability: "busy", account_id: w.account.id } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.agent.id, accounts: [expect.objectContaining({ id: w.account.id, availability: "busy", availability_status: "busy" })] });
    await teammate.waitFor((e) => about(w.agent.id)(e) && since().includes(e));

    const elsewhere = await factories.createAccount(db());
    const notMine = await call(profileAvailability.POST, {
      token: w.agent.apiAccessToken,
      body: { profile: { availability: "busy", account_id: elsewhere.id } },
    });
    expect(notMine.status).toBe(404);
    const unknown = await call(profileAvailability.POST, { token: w.agent.apiAccessToken, body: { profile: { availability: "away", account_id: w.account.id } } });
    expect(unknown.status).toBe(422);
    expect((await call(profileAvailability.POST, { token: null, body: { profile: { availability: "busy", account_id: w.account.id } } })).status).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await call(openapi.GET);
    const operation = doc.body.paths["/api/v1/profile/availability"].post;
    expect(operation.tags).toEqual(["Profile"]);
    expect(operation.requestBody.content["application/json"].schema.properties.profile.properties.availability.enum).toEqual(["online", "busy", "offline"]);
  });
});
