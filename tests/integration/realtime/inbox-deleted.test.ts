import { afterAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { deleteInbox } from "@/lib/inboxes/delete-inbox";
import { inboxChannel } from "@/lib/realtime/channels";
import * as factories from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, useRealtimeServer, type TestClient } from "../../support/realtime";

/** A deleted inbox's screens hear about it on the inbox's own channel (LiveRefresh then refreshes them). */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

it("deleting an inbox publishes inbox.deleted to its members after the commit", async () => {
  const w = await factories.createWorkspace(db());
  await factories.createConversation(db(), w.account.id, w.inbox.id);
  const member = await connectAs(realtime().port, db, w.agent.id);
  clients.push(member);
  const channel = inboxChannel(w.account.id, w.inbox.id);
  await member.subscribe(channel);

  const before = Date.now();
  await deleteInbox(db(), userActor(w.admin.id), w.account.id, w.inbox.id);
  const event = await member.waitFor((e) => e.name === "inbox.deleted");
  expect(event.channel).toBe(channel);
  expect(event.data).toMatchObject({ accountId: w.account.id, inboxId: w.inbox.id });
  expect((event.data as { version: number }).version).toBeGreaterThanOrEqual(before);
});
