import sharp from "sharp";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as thumbnailRoute from "@/app/api/accounts/[accountId]/attachments/[attachmentId]/thumbnail/route";
import * as messagesRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import { attachments } from "@/db/schema";
import { makePendingThumbnails } from "@/lib/attachments/thumbnails";
import { userActor } from "@/lib/auth/actor";
import { stageUpload } from "@/lib/messages/attachment-uploads";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useJobRunner } from "@/tests/support/job-runner";

const db = useTestDatabase();
useJobRunner(db);

/** A real photo-sized PNG: 2000 × 1000, half red, half blue. */
async function bigPng(): Promise<Buffer> {
  const left = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: "#ff0000" } }).png().toBuffer();
  return sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#0000ff" } })
    .composite([{ input: left, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

async function getThumb(token: string, accountId: number, attachmentId: number) {
  const url = `http://localhost:3000/api/accounts/${accountId}/attachments/${attachmentId}/thumbnail`;
  const response = await thumbnailRoute.GET(new Request(url, { headers: { api_access_token: token } }), { params: Promise.resolve({ accountId: String(accountId), attachmentId: String(attachmentId) }) });
  return { status: response.status, type: response.headers.get("content-type"), body: Buffer.from(await response.arrayBuffer()) };
}

describe("thumbnails of image attachments", () => {
  it("a job makes a small upright JPEG after the upload; thumb_url serves it with the file's access checks, the original until then", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conversation = await f.createConversation(db(), account.id, inbox.id);
    const png = await bigPng();
    const up = await stageUpload(db(), userActor(agent.id), account.id, { fileName: "photo.png", contentType: "image/png", data: png });
    const note = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "photo", private: true }, { uploadIds: [up.id] });
    const [row] = await db().select({ id: attachments.id }).from(attachments).where(eq(attachments.messageId, note.id));

    // The job runs after the commit, by itself: the thumbnail route ends up answering a JPEG.
    let thumb = await getThumb(agent.apiAccessToken, account.id, row.id);
    expect(thumb.status).toBe(200);
    await expect.poll(async () => (thumb = await getThumb(agent.apiAccessToken, account.id, row.id)).type, { timeout: 15_000 }).toBe("image/jpeg");
    const meta = await sharp(thumb.body).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([480, 240]);
    expect(thumb.body.length).toBeLessThan(png.length);
    // Left half red, right half blue, as in the original.
    const { data } = await sharp(thumb.body).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * 480 + x) * 3, (y * 480 + x) * 3 + 3)];
    expect(pixel(100, 120)[0]).toBeGreaterThan(200);
    expect(pixel(380, 120)[2]).toBeGreaterThan(200);

    // The API lists thumb_url and the original's size in pixels.
    const listed = await messagesRoute.GET(new Request("http://localhost:3000/api/v1/x", { headers: { api_access_token: agent.apiAccessToken } }), {
      params: Promise.resolve({ account_id: String(account.id), conversation_id: String(conversation.displayId) }),
    });
    const page = (await listed.json()) as { payload: { id: number; attachments: { id: number; thumb_url: string; data_url: string; width: number | null; height: number | null }[] }[] };
    const listedFile = page.payload.find((m) => m.id === note.id)?.attachments[0];
    expect(listedFile).toMatchObject({ id: row.id, thumb_url: `${listedFile?.data_url}/thumbnail`, width: 2000, height: 1000 });

    // Same access as the file: another account's admin, or an agent outside the inbox, gets 404.
    const stranger = await f.createWorkspace(db());
    expect((await getThumb(stranger.admin.apiAccessToken, account.id, row.id)).status).toBe(404);
    const outsider = await f.createAgent(db(), account.id, { role: "agent", name: "Oscar Outside" });
    expect((await getThumb(outsider.apiAccessToken, account.id, row.id)).status).toBe(404);
  });

  it("an image that cannot be decoded is tried once and its thumb_url serves the original", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conversation = await f.createConversation(db(), account.id, inbox.id);
    const broken = Buffer.from("89504e470d0a1a0a00000000", "hex");
    const note = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "", private: true }, { files: [{ filename: "broken.png", contentType: "image/png", content: broken }] });
    const [row] = await db().select({ id: attachments.id }).from(attachments).where(eq(attachments.messageId, note.id));
    await makePendingThumbnails(db(), { accountId: account.id, messageId: note.id });
    const [tried] = await db().select({ at: attachments.thumbnailTriedAt, thumbnail: attachments.thumbnail }).from(attachments).where(eq(attachments.id, row.id));
    expect(tried.at).not.toBeNull();
    expect(tried.thumbnail).toBeNull();
    const thumb = await getThumb(agent.apiAccessToken, account.id, row.id);
    expect(thumb.status).toBe(200);
    expect(thumb.type).toBe("image/png");
    expect(thumb.body.equals(broken)).toBe(true);
  });
});
