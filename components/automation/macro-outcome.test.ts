import { describe, expect, it } from "vitest";
import { describeMacroRun } from "./macro-outcome";

describe("describeMacroRun: what a bulk macro run did, per conversation, in words", () => {
  it("all done: one line", () => {
    const run = { queued: false, results: [12, 13].map((displayId) => ({ displayId, actions: [{ action: "add_label", status: "done" as const }] })) };
    expect(describeMacroRun("Triage", run)).toEqual({ summary: "Triage ran on 2 conversations", problems: [] });
  });

  it("a conversation the agent cannot see, and one whose action failed, are named with the reason", () => {
    const run = {
      queued: false,
      results: [
        { displayId: 12, actions: [{ action: "add_label", status: "done" as const }, { action: "assign_team", status: "done" as const }] },
        { displayId: 13, actions: [{ action: "add_label", status: "failed" as const, detail: "Conversation not found" }, { action: "assign_team", status: "failed" as const, detail: "Conversation not found" }] },
        { displayId: 14, actions: [{ action: "add_label", status: "done" as const }, { action: "assign_team", status: "failed" as const, detail: "Team not found" }] },
        { displayId: 15, actions: [{ action: "assign_agent", status: "skipped" as const, detail: "nobody has replied yet" }] },
      ],
    };
    expect(describeMacroRun("Triage", run)).toEqual({
      summary: "Triage ran on 2 of 4 conversations",
      problems: ["#13: not changed: Conversation not found", "#14: Assign a team failed: Team not found", "#15: Assign an agent skipped: nobody has replied yet"],
    });
  });

  it("queued: runs in the background", () => {
    expect(describeMacroRun("Triage", { queued: true, results: [] }, 40)).toEqual({ summary: "Triage is running on 40 conversations in the background", problems: [] });
  });
});
