import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runActionAs } from "@/app/_server/action";
import { createAgentBotAction, updateAgentBotAction } from "@/app/_server/actions/agent-bots";
import { userActor } from "@/lib/auth/actor";
import { getAgentBot } from "@/lib/agent-bots/manage-bots";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

/**
 * Settings → Bots, editing a bot: an administrator changes its name, description and outgoing URL
 * (checked as on create: no private hosts, no plain http, no blank name); an agent is refused and
 * the bot stays as it was.
 */
const db = useTestDatabase();
beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "bot-edit-test-key");
  // The rules a production desk applies (the test setup relaxes them for loopback fakes).
  setEnvVar("OUTBOUND_ALLOW_PRIVATE", "false");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "false");
});
afterAll(() => {
  setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
});
const as = (userId: number) => ({ actor: userActor(userId), userId });

describe("Settings → Bots: edit a bot", () => {
  it("administrators edit name, description and URL; bad URLs and agents are refused", async () => {
    const w = await f.createWorkspace(db());
    const accountId = w.account.id;
    const created = await runActionAs(createAgentBotAction, as(w.admin.id), { accountId, name: "Triage Bot", description: "Answers first", outgoingUrl: "https://bot.example.com/hook", avatarUrl: "" });
    if (!created.ok) throw new Error(created.error);
    const botId = created.data.id;
    const bot = () => getAgentBot(db(), userActor(w.admin.id), accountId, botId);
    const edit = { accountId, botId, name: "Night Bot", description: "Answers at night", outgoingUrl: "https://night.example.com/events" };

    const byAgent = await runActionAs(updateAgentBotAction, as(w.agent.id), edit);
    expect(byAgent.ok).toBe(false);
    expect(await bot()).toMatchObject({ name: "Triage Bot", description: "Answers first", outgoingUrl: "https://bot.example.com/hook" });

    const saved = await runActionAs(updateAgentBotAction, as(w.admin.id), edit);
    expect(saved.ok).toBe(true);
    expect(await bot()).toMatchObject({ name: "Night Bot", description: "Answers at night", outgoingUrl: "https://night.example.com/events" });

    for (const outgoingUrl of ["http://127.0.0.1:8080/hook", "not a url", "ftp://bot.example.com/x", "http://bot.example.com/plain"]) {
      const refused = await runActionAs(updateAgentBotAction, as(w.admin.id), { ...edit, name: "Changed", outgoingUrl });
      expect(refused.ok, outgoingUrl).toBe(false);
    }
    const blank = await runActionAs(updateAgentBotAction, as(w.admin.id), { ...edit, name: "  " });
    expect(blank.ok).toBe(false);
    expect(await bot()).toMatchObject({ name: "Night Bot", outgoingUrl: "https://night.example.com/events" });

    // Emptying description and URL clears them.
    expect((await runActionAs(updateAgentBotAction, as(w.admin.id), { ...edit, description: "", outgoingUrl: "" })).ok).toBe(true);
    expect(await bot()).toMatchObject({ name: "Night Bot", description: null, outgoingUrl: null });

    // Another account's bot is not found.
    const other = await f.createWorkspace(db());
    expect((await runActionAs(updateAgentBotAction, as(other.admin.id), { ...edit, accountId: other.account.id })).ok).toBe(false);
    expect((await bot()).name).toBe("Night Bot");
  });
});
