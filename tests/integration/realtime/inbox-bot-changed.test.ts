import { afterAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { setInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { createAgentBot } from "@/lib/agent-bots/manage-bots";
import { setEnvVar } from "@/lib/env";
import { inboxChannel } from "@/lib/realtime/channels";
import * as factories from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, useRealtimeServer, type TestClient } from "../../support/realtime";

/** Another open tab of the inbox's settings hears which bot now answers it (the picker follows). */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

it("connecting and disconnecting an inbox's bot publishes inbox.agent_bot_changed after the commit", async () => {
  setEnvVar("ENCRYPTION_KEY", "inbox-bot-live-test-key-0123456789");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
  const w = await factories.createWorkspace(db());
  const admin = userActor(w.admin.id);
  const bot = await createAgentBot(db(), admin, w.account.id, { name: "Helper", outgoing_url: "http://bot.example.test/hook" });
  const otherTab = await connectAs(realtime().port, db, w.admin.id);
  clients.push(otherTab);
  const channel = inboxChannel(w.account.id, w.inbox.id);
  await otherTab.subscribe(channel);

  await setInboxAgentBot(db(), admin, w.account.id, w.inbox.id, bot.id);
  const connected = await otherTab.waitFor((e) => e.name === "inbox.agent_bot_changed");
  expect(connected.channel).toBe(channel);
  expect(connected.data).toMatchObject({ accountId: w.account.id, inboxId: w.inbox.id, agentBotId: bot.id });

  await setInboxAgentBot(db(), admin, w.account.id, w.inbox.id, null);
  const disconnected = await otherTab.waitFor((e) => e.name === "inbox.agent_bot_changed" && (e.data as { agentBotId: unknown }).agentBotId === null);
  expect(disconnected.data).toMatchObject({ inboxId: w.inbox.id, agentBotId: null });
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "");
});
