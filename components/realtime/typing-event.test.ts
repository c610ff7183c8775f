import { describe, expect, it } from "vitest";
import { CONTACT_TYPING, TYPING_OFF, TYPING_ON, parseContactTypingFrame, parseTypingFrame } from "./typing-event";

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

describe("the contact typing (Client API toggle_typing), published by the server", () => {
  const contactFrame = (more: Record<string, unknown>) => ({
    event: CONTACT_TYPING,
    channel: CHANNEL,
    data: JSON.stringify({ accountId: 1, conversationDisplayId: 5, contactId: 9, typing: true }),
    ...more,
  });
  it("tells which conversation's contact started or stopped typing", () => {
    expect(parseContactTypingFrame(contactFrame({}), CHANNEL)).toEqual({ displayId: 5, on: true });
    expect(parseContactTypingFrame(contactFrame({ data: { accountId: 1, conversationDisplayId: 5, contactId: 9, typing: false } }), CHANNEL)).toEqual({ displayId: 5, on: false });
  });
  it("ignores other channels, client events posing as it, and malformed data", () => {
    for (const bad of [
      contactFrame({ channel: "private-account-1-inbox-3" }),
      contactFrame({ event: "client-conversation.contact_typing" }),
      contactFrame({ data: "{nope" }),
      contactFrame({ data: { conversationDisplayId: "5", typing: true } }),
      contactFrame({ user_id: "7" }),
      null,
    ]) {
      expect(parseContactTypingFrame(bad, CHANNEL)).toBeNull();
    }
  });
});
