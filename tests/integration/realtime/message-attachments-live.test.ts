import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/env";
import { stageUpload } from "@/lib/messages/attachment-uploads";
import { createMessage } from "@/lib/messages/create-message";
import { inboxChannel } from "@/lib/realtime/channels";
import type { MessagePayload } from "@/lib/realtime/payloads";
import * as factories from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, useRealtimeServer, type TestClient } from "../../support/realtime";

/**
 * A reply or note sent with files reaches the other agents' open threads with the files listed
 * (Chatwoot's attachment fields), through a real pusher-js client: no refetch needed to show them.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

let w: Awaited<ReturnType<typeof factories.createWorkspace>>;
let watcher: TestClient;

beforeAll(async () => {
  w = await factories.createWorkspace(db());
  watcher = await connectAs(realtime().port, db, w.admin.id);
  await watcher.subscribe(inboxChannel(w.account.id, w.inbox.id));
});
afterAll(() => watcher.disconnect());

describe("live attachments", () => {
  it("message.created of a note with a composer upload and a reply with API files lists them in Chatwoot's fields", async () => {
    const conversation = await factories.createConversation(db(), w.account.id, w.inbox.id);
    const agent = userActor(w.agent.id);
    const up = await stageUpload(db(), agent, w.account.id, { fileName: "Screen Shot.PNG", contentType: "image/png", data: PNG });
    const note = await createMessage(db(), agent, w.account.id, conversation.displayId, { content: "see this", private: true }, { uploadIds: [up.id] });
    const event = await watcher.waitFor((e) => e.name === "message.created" && (e.data as MessagePayload).message.id === note.id);
    const files = (event.data as MessagePayload).message.attachments;
    expect(files).toHaveLength(1);
    const url = `${appUrl()}/api/accounts/${w.account.id}/attachments/${files![0].id}`;
    expect(files![0]).toMatchObject({
      message_id: note.id,
      account_id: w.account.id,
      file_type: "image",
      extension: "png",
      data_url: url,
      file_size: PNG.length,
      file_name: "Screen Shot.PNG",
      content_type: "image/png",
    });
    expect(typeof files![0].thumb_url).toBe("string");
    expect(files![0].thumb_url).not.toBe("");

    const reply = await createMessage(db(), agent, w.account.id, conversation.displayId, { content: "" }, { files: [{ filename: "notes.txt", contentType: "text/plain", content: Buffer.from("hello") }] });
    const second = await watcher.waitFor((e) => e.name === "message.created" && (e.data as MessagePayload).message.id === reply.id);
    expect((second.data as MessagePayload).message.attachments).toEqual([expect.objectContaining({ message_id: reply.id, file_type: "file", extension: "txt", thumb_url: "", file_size: 5, file_name: "notes.txt" })]);

    // A message without files carries no list (and costs no read of the attachments).
    const plain = await createMessage(db(), agent, w.account.id, conversation.displayId, { content: "just text", private: true });
    const third = await watcher.waitFor((e) => e.name === "message.created" && (e.data as MessagePayload).message.id === plain.id);
    expect((third.data as MessagePayload).message.attachments).toBeUndefined();
  });
});
