import { describe, expect, it } from "vitest";
import { TYPING_OFF, TYPING_ON, parseTypingFrame } from "./typing-event";

const CHANNEL = "private-account-1-inbox-2";
const frame = (more: Record<string, unknown>) => ({ event: TYPING_ON, channel: CHANNEL, data: { displayId: 5, private: true }, user_id: "7", ...more });

describe("typing events from other browsers (review L6)", () => {
  it("names the sender the server stamped, never the payload's claim", () => {
    const spoofed = frame({ data: { displayId: 5, private: false, user: { id: 1, name: "Boss (spoofed)" } } });
    expect(parseTypingFrame(spoofed, CHANNEL)).toEqual({ on: true, displayId: 5, private: false, userId: 7 });
    expect(parseTypingFrame(frame({ event: TYPING_OFF, data: JSON.stringify({ displayId: 5 }) }), CHANNEL)).toEqual({
      on: false,
      displayId: 5,
      private: false,
      userId: 7,
    });
  });

  it("ignores malformed events instead of crashing the conversation view", () => {
    const malformed: unknown[] = [
      null,
      "typing",
      frame({ data: {} }),
      frame({ data: { user: null } }),
      frame({ data: { displayId: "5" } }),
      frame({ data: "{not json" }),
      frame({ data: null }),
      frame({ user_id: undefined }),
      frame({ user_id: "Boss" }),
      frame({ user_id: 7 }),
      frame({ channel: "private-account-1-inbox-3" }),
      frame({ event: "client-something-else" }),
    ];
    for (const m of malformed) expect(parseTypingFrame(m, CHANNEL)).toBeNull();
  });
});
