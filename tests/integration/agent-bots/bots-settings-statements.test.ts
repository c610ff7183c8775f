import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { loadBotsSettings } from "@/lib/agent-bots/bots-settings";
import { createAgentBot } from "@/lib/agent-bots/manage-bots";
import { setInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { setEnvVar } from "@/lib/env";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useWireRecording } from "@/tests/support/wire-recording";

/** Settings → Bots costs the same statements with one inbox as with many: no read per inbox. */
const db = useTestDatabase();
const record = useWireRecording();

describe("Settings → Bots", () => {
  it("reads every inbox's bot in one statement", async () => {
    setEnvVar("ENCRYPTION_KEY", "bots-settings-test-key-0123456789");
    setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
    const w = await f.createWorkspace(db());
    const admin = userActor(w.admin.id);
    const bot = await createAgentBot(db(), admin, w.account.id, { name: "Helper", outgoing_url: "http://bot.example.test/hook" });
    const count = async () => (await record(() => loadBotsSettings(db(), admin, w.account.id), { appOnly: true })).length;
    const withOne = await count();
    const more = [await f.createInbox(db(), w.account.id, { name: "Sales" }), await f.createInbox(db(), w.account.id, { name: "Billing" }), await f.createInbox(db(), w.account.id, { name: "VIP" })];
    await setInboxAgentBot(db(), admin, w.account.id, more[1].id, bot.id);
    const withFour = await count();
    expect(withFour).toBe(withOne);
    const loaded = await loadBotsSettings(db(), admin, w.account.id);
    expect(loaded.inboxes.map((i) => [i.name, i.botId])).toEqual([
      ["Billing", bot.id],
      ["Sales", null],
      ["Support", null],
      ["VIP", null],
    ]);
    setEnvVar("INTEGRATIONS_ALLOW_HTTP", "");
  });
});
