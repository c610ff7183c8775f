import { describe, expect, it } from "vitest";
import { normalizeMessageId, ourMessageId, parseOurMessageId, parseReplyAddress } from "./ids";

describe("our mail markers", () => {
  const uuid = "0b6f3c1e-8a4b-4d8e-9a51-3c2d1e0f9a7b";

  it("reads back the conversation and message from our Message-ID", () => {
    const id = ourMessageId(uuid, 42, "support.example.com");
    expect(id).toBe(`conversation/${uuid}/messages/42@support.example.com`);
    expect(parseOurMessageId(id)).toEqual({ conversationUuid: uuid, messageId: 42 });
    expect(parseOurMessageId("CAF=abc@mail.gmail.com")).toBeNull();
  });

  it("reads reply+ addresses and normalises Message-IDs", () => {
    expect(parseReplyAddress(`reply+${uuid}@in.example.com`)).toEqual({ conversationUuid: uuid, domain: "in.example.com" });
    expect(parseReplyAddress("support@example.com")).toBeNull();
    expect(normalizeMessageId(" <abc.123@host> ")).toBe("abc.123@host");
    expect(normalizeMessageId("not an id")).toBeNull();
  });
});
