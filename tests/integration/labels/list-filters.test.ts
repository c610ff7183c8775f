import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { listConversations } from "@/lib/conversations/list-conversations";
import { updatePriority } from "@/lib/conversations/update-priority";
import { changeConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { assignTeam } from "@/lib/teams/assign-team";
import { changeTeamMembers, createTeam } from "@/lib/teams/teams";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();

describe("conversation list by label, team, my teams and priority", () => {
  it("narrows the page and the tab counts", async () => {
    const w = await f.createWorkspace(db());
    const admin = userActor(w.admin.id);
    const agent = userActor(w.agent.id);
    const [a, b, c] = [
      await f.createConversation(db(), w.account.id, w.inbox.id),
      await f.createConversation(db(), w.account.id, w.inbox.id),
      await f.createConversation(db(), w.account.id, w.inbox.id),
    ];
    await createLabel(db(), admin, w.account.id, { title: "billing" });
    await createLabel(db(), admin, w.account.id, { title: "vip" });
    await changeConversationLabels(db(), agent, w.account.id, a.displayId, { add: ["billing"] });
    await changeConversationLabels(db(), agent, w.account.id, b.displayId, { add: ["vip", "billing"] });
    const sales = await createTeam(db(), admin, w.account.id, { name: "Sales" });
    const support = await createTeam(db(), admin, w.account.id, { name: "Support" });
    await changeTeamMembers(db(), admin, w.account.id, support.id, "add", { userIds: [w.agent.id] });
    await assignTeam(db(), agent, w.account.id, b.displayId, { teamId: sales.id });
    await assignTeam(db(), agent, w.account.id, c.displayId, { teamId: support.id });
    await updatePriority(db(), agent, w.account.id, c.displayId, { priority: "urgent" });

    const ids = async (params: Parameters<typeof listConversations>[3]) => {
      const list = await listConversations(db(), agent, w.account.id, { assigneeType: "all", ...params });
      return { rows: list.conversations.map((r) => r.displayId).sort(), all: list.meta.allCount };
    };
    expect(await ids({ labels: ["billing"] })).toEqual({ rows: [a.displayId, b.displayId].sort(), all: 2 });
    expect(await ids({ labels: ["VIP"] })).toEqual({ rows: [b.displayId], all: 1 });
    expect(await ids({ labels: ["unknown"] })).toEqual({ rows: [], all: 0 });
    expect(await ids({ teamId: sales.id })).toEqual({ rows: [b.displayId], all: 1 });
    expect(await ids({ myTeams: true })).toEqual({ rows: [c.displayId], all: 1 });
    expect(await ids({ priority: ["urgent"] })).toEqual({ rows: [c.displayId], all: 1 });
    expect(await ids({ priority: ["none"] })).toEqual({ rows: [a.displayId, b.displayId].sort(), all: 2 });
    // Rows carry their labels and team.
    const row = (await listConversations(db(), agent, w.account.id, { assigneeType: "all", teamId: sales.id })).conversations[0];
    expect(row.labels).toEqual(["billing", "vip"]);
    expect(row.team).toEqual({ id: sales.id, name: "Sales" });
  });
});
