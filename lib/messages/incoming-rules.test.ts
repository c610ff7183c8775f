import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { incomingMessageEffects, REOPENED_ACTIVITY } from "./incoming-rules";

const state = { id: 7, displayId: 12, inboxId: 4, status: "open" as const, waitingSince: null, assigneeId: null };

describe("the rules of an incoming message", () => {
  it("start the waiting clock, reopen a resolved or snoozed conversation, tell the assignee and followers", () => {
    expect(incomingMessageEffects(1, state, { keepStatus: false, content: "hi" })).toMatchObject({ startsWaiting: true, reopens: false, notification: { senderUserId: null } });
    const resolved = incomingMessageEffects(1, { ...state, status: "resolved", waitingSince: new Date(), assigneeId: 3 }, { keepStatus: false, content: "hi" });
    expect(resolved).toMatchObject({ startsWaiting: false, reopens: true, notification: { conversation: { id: 7, displayId: 12, inboxId: 4, assigneeId: 3 }, senderUserId: null, content: "hi" } });
    expect(incomingMessageEffects(1, { ...state, status: "snoozed" }, { keepStatus: false, content: "x" }).reopens).toBe(true);
  });

  it("leave imported history and automatic replies alone", () => {
    expect(incomingMessageEffects(1, { ...state, status: "resolved", assigneeId: 3 }, { keepStatus: true, content: "x" })).toEqual({ startsWaiting: false, reopens: false, notification: null });
  });

  it("are the one source for the one-message path and the email import's batch", () => {
    for (const file of ["create-message.ts", "../email/ingest/import-batch.ts"]) {
      const source = readFileSync(path.join(__dirname, file), "utf8");
      expect(source, file).toContain("incomingMessageEffects(");
      expect(source, file).not.toMatch(/=== "resolved"|"Conversation was reopened"|assigned_conversation_new_message/);
    }
    expect(REOPENED_ACTIVITY).toBe("Conversation was reopened");
  });
});
