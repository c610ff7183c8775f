import { describe, expect, it } from "vitest";
import { RELAYED_TYPING_OFF, RELAYED_TYPING_ON, TYPING_ON, parseRelayedTypingFrame } from "./typing-event";

const CHANNEL = "private-account-1-user-3";
const frame = (more: Record<string, unknown>) => ({
  event: RELAYED_TYPING_ON,
  channel: CHANNEL,
  data: JSON.stringify({ accountId: 1, conversationDisplayId: 5, userId: 7, private: false }),
  ...more,
});

describe("typing relayed by the server (members whose custom role narrows what they see)", () => {
  it("reads the typer from the server's payload", () => {
    expect(parseRelayedTypingFrame(frame({}), CHANNEL)).toEqual({ on: true, displayId: 5, private: false, userId: 7 });
    expect(parseRelayedTypingFrame(frame({ event: RELAYED_TYPING_OFF }), CHANNEL)).toMatchObject({ on: false, userId: 7 });
  });

  it("refuses what a browser could have sent, another channel, and malformed payloads", () => {
    for (const bad of [
      frame({ user_id: "9" }),
      frame({ event: TYPING_ON }),
      frame({ channel: "private-account-1-user-4" }),
      frame({ data: "{not json" }),
      frame({ data: { conversationDisplayId: 5, private: false } }),
      null,
    ]) {
      expect(parseRelayedTypingFrame(bad, CHANNEL)).toBeNull();
    }
  });
});
