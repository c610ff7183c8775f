import { describe, expect, it } from "vitest";
import type { MessageDetails } from "@/lib/messages/types";
import { messagePayload, type MessagePayload } from "@/lib/realtime/payloads";
import { applyFetchedMessage, applyMessageEvent, needsFetch, tailMessages } from "./thread-patch";

const T0 = Date.parse("2026-11-21T09:00:00.000Z");

function message(id: number, more: Partial<MessageDetails> = {}): MessageDetails {
  return {
    id,
    accountId: 1,
    inboxId: 10,
    conversationId: 5,
    conversationDisplayId: 3,
    messageType: "outgoing",
    content: `Message ${id}`,
    contentHtml: null,
    contentType: "text",
    contentAttributes: {},
    private: false,
    status: "sent",
    sourceId: null,
    senderType: "user",
    senderId: 7,
    sender: { id: 7, type: "user", name: "Alice Agent", email: "alice@acme.test", thumbnail: null },
    createdAt: new Date(T0 + id * 1000),
    updatedAt: new Date(T0 + id * 1000),
    delivery: null,
    ...more,
  };
}
/** What the browser receives: the real payload through JSON. */
const wire = (m: MessageDetails): MessagePayload => JSON.parse(JSON.stringify(messagePayload(m))) as MessagePayload;
const none: ReadonlyMap<number, MessageDetails> = new Map();

describe("appending live messages to the open thread", () => {
  it("appends a new message with its content and dates, oldest first, until the server's render has it", () => {
    let arrived = applyMessageEvent(none, "message.created", wire(message(12, { content: "Second" })));
    arrived = applyMessageEvent(arrived, "message.created", wire(message(11, { content: "First" })));
    const tail = tailMessages(arrived, [1, 2]);
    expect(tail.map((m) => m.content)).toEqual(["First", "Second"]);
    expect(tail[0]?.createdAt).toEqual(new Date(T0 + 11_000));
    expect(tailMessages(arrived, [1, 2, 11, 12])).toEqual([]);
  });

  it("leaves incoming emails and partial payloads to the refresh", () => {
    const email = message(13, { messageType: "incoming", contentType: "incoming_email" });
    expect(applyMessageEvent(none, "message.created", wire(email))).toBe(none);
    const long = message(14, { content: "x".repeat(12_000) });
    const payload = wire(long);
    expect(payload.partial).toBe(true);
    expect(applyMessageEvent(none, "message.created", payload)).toBe(none);
  });

  it("patches the delivery status of an appended message, never back to an older one", () => {
    const sending = message(15, { status: "sending" });
    let arrived = applyMessageEvent(none, "message.created", wire(sending));
    const failed = message(15, { status: "failed", contentAttributes: { external_error: "Mailbox full" }, updatedAt: new Date(T0 + 20_000) });
    arrived = applyMessageEvent(arrived, "message.updated", wire(failed));
    expect(arrived.get(15)?.status).toBe("failed");
    expect(arrived.get(15)?.contentAttributes.external_error).toBe("Mailbox full");
    expect(applyMessageEvent(arrived, "message.updated", wire(sending))).toBe(arrived);
    // An update for a message the server rendered is not appended (it patches its own status).
    expect(applyMessageEvent(none, "message.updated", wire(message(2)))).toBe(none);
  });

  it("takes the retry's reason and next attempt from a partial update too", () => {
    const long = message(16, { status: "sending", content: "x".repeat(5_000) });
    let arrived = applyMessageEvent(none, "message.created", wire(long));
    const nextAttemptAt = new Date(T0 + 90_000);
    const retrying = message(16, {
      status: "sending",
      content: "x".repeat(12_000),
      updatedAt: new Date(T0 + 30_000),
      delivery: { id: 4, status: "queued", transport: "smtp", attempts: 1, lastError: "Could not reach the mail server", nextAttemptAt },
    });
    const payload = wire(retrying);
    expect(payload.partial).toBe(true);
    arrived = applyMessageEvent(arrived, "message.updated", payload);
    expect(arrived.get(16)?.delivery).toEqual({ id: 4, status: "queued", transport: "smtp", attempts: 1, lastError: "Could not reach the mail server", nextAttemptAt });
    expect(arrived.get(16)?.content).toBe(long.content);
  });
});

describe("messages the thread fetches (incoming emails, partial payloads)", () => {
  it("asks to fetch a new incoming email and a partial message, once, and not a complete reply", () => {
    const email = message(20, { messageType: "incoming", contentType: "incoming_email", content: "Hi" });
    expect(needsFetch(none, "message.created", wire(email))).toBe(true);
    const long = message(21, { content: "x".repeat(12_000) });
    const partial = wire(long);
    expect(partial.partial).toBe(true);
    expect(needsFetch(none, "message.created", partial)).toBe(true);
    expect(needsFetch(none, "message.created", wire(message(22)))).toBe(false);
    expect(needsFetch(none, "message.updated", wire(email))).toBe(false);
    // Fetched: shown with its content, and not fetched again.
    const arrived = applyFetchedMessage(none, long);
    expect(tailMessages(arrived, []).map((m) => m.content?.length)).toEqual([12_000]);
    expect(needsFetch(arrived, "message.created", partial)).toBe(false);
    // A fetch answered with an older copy than what an event already brought is ignored.
    const sent = applyMessageEvent(arrived, "message.updated", wire({ ...long, status: "failed", updatedAt: new Date(long.updatedAt.getTime() + 5_000) }));
    expect(applyFetchedMessage(sent, long).get(21)?.status).toBe("failed");
  });
});

describe("files of live messages", () => {
  it("an appended message keeps the files its created event listed, through later updates that do not repeat them", async () => {
    const { filesFromWire } = await import("./thread-patch");
    const sent = message(30, { private: true });
    const files = [{ id: 9, messageId: 30, fileName: "shot.png", contentType: "image/png", byteSize: 42 }];
    const created = JSON.parse(
      JSON.stringify(
        messagePayload(sent, [
          { id: 9, message_id: 30, account_id: 1, file_type: "image", extension: "png", data_url: "http://x/9", thumb_url: "http://x/9", file_size: 42, width: null, height: null, file_name: "shot.png", content_type: "image/png" },
        ]),
      ),
    ) as MessagePayload;
    let arrived = applyMessageEvent(none, "message.created", created);
    expect(tailMessages(arrived, [])[0]?.attachments).toEqual(files);
    expect(filesFromWire(created.message.attachments ?? [])).toEqual(files);
    arrived = applyMessageEvent(arrived, "message.updated", wire(message(30, { private: true, content: "edited", updatedAt: new Date(T0 + 40_000) })));
    expect(tailMessages(arrived, [])[0]).toMatchObject({ content: "edited", attachments: files });
  });
});
