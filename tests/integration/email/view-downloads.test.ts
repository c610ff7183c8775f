import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { attachments, emailDeliveries, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { downloadForUser } from "@/lib/messages/download-route";
import { attachmentResponse, getAttachment, listMessageAttachments } from "@/lib/messages/get-attachment";
import { getRawEmail, rawEmailResponse } from "@/lib/messages/get-raw-email";
import { addInboxMember, createAccount, createAgent, createConversation, createMessage } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow } from "@/tests/support/email-inbox";

const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "view-test-key");
});

// 1x1 transparent PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const EVIL_HTML = "<html><body><script>alert(document.cookie)</script></body></html>";
const EVIL_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

function mailWithAttachments(): Buffer {
  const b = "==outer==";
  const part = (headers: string[], body: string) => [`--${b}`, ...headers, "", body].join("\r\n");
  return Buffer.from(
    [
      "From: Carla Customer <carla@example.org>",
      "To: support@example.test",
      "Subject: Photo of the broken zipper",
      "Message-ID: <view-1@example.org>",
      "Date: Sat, 21 Nov 2026 06:00:00 +0000",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${b}"`,
      "",
      part(["Content-Type: text/html; charset=utf-8"], '<p>See <img src="cid:zip@example.org"> attached.</p>'),
      part(
        ["Content-Type: image/png", "Content-ID: <zip@example.org>", "Content-Disposition: inline; filename=\"zip.png\"", "Content-Transfer-Encoding: base64"],
        PNG.toString("base64"),
      ),
      part(["Content-Type: text/html; name=\"invoice.html\"", "Content-Disposition: attachment; filename=\"invoice.html\""], EVIL_HTML),
      part(["Content-Type: image/svg+xml; name=\"logo.svg\"", "Content-Disposition: attachment; filename=\"logo.svg\""], EVIL_SVG),
      `--${b}--`,
      "",
    ].join("\r\n"),
  );
}

async function setup() {
  const account = await createAccount(db());
  const admin = await createAgent(db(), account.id, { role: "administrator" });
  const member = await createAgent(db(), account.id);
  const outsider = await createAgent(db(), account.id);
  const { inbox } = await createEmailInboxRow(db(), account.id);
  await addInboxMember(db(), account.id, inbox.id, member.id);
  const raw = mailWithAttachments();
  const result = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw });
  expect(result.status).toBe("imported");
  const messageId = result.messageId ?? 0;
  const files = await db().select().from(attachments).where(eq(attachments.messageId, messageId));
  const byName = (name: string) => {
    const found = files.find((f) => f.fileName === name);
    if (!found) throw new Error(`attachment ${name} was not stored`);
    return found;
  };
  const other = await createAccount(db());
  const otherAdmin = await createAgent(db(), other.id, { role: "administrator" });
  return { account, admin, member, outsider, inbox, raw, messageId, byName, otherAdmin, other };
}

const notFoundError = expect.objectContaining({ code: "not_found" }) as unknown as AppError;

describe("downloading the original email", () => {
  it("gives an inbox member the exact bytes that arrived, as an .eml attachment", async () => {
    const { account, member, raw, messageId } = await setup();
    const file = await getRawEmail(db(), userActor(member.id), account.id, messageId);
    expect(file.raw.equals(raw)).toBe(true);
    expect(file.filename).toBe(`Photo of the broken zipper-${messageId}.eml`);

    const response = rawEmailResponse(file);
    expect(response.headers.get("content-type")).toBe("message/rfc822");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="Photo of the broken zipper-\d+\.eml"/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await response.arrayBuffer()).equals(raw)).toBe(true);
  });

  it("is not found for an agent outside the inbox and for another account's administrator", async () => {
    const { account, outsider, otherAdmin, other, messageId } = await setup();
    await expect(getRawEmail(db(), userActor(outsider.id), account.id, messageId)).rejects.toEqual(notFoundError);
    await expect(getRawEmail(db(), userActor(otherAdmin.id), account.id, messageId)).rejects.toEqual(notFoundError);
    // Asking under their own account id does not reach the message either.
    await expect(getRawEmail(db(), userActor(otherAdmin.id), other.id, messageId)).rejects.toEqual(notFoundError);
  });

  it("gives the bytes that were sent for an outgoing reply, and not found for a message that was never an email", async () => {
    const { account, admin, inbox } = await setup();
    const conversation = await createConversation(db(), account.id, inbox.id);
    const reply = await createMessage(db(), conversation, { messageType: "outgoing", content: "On its way", senderType: "user", senderId: admin.id });
    const sent = Buffer.from("From: support@example.test\r\nSubject: Re: zipper\r\n\r\nOn its way\r\n");
    await db()
      .insert(emailDeliveries)
      .values({ accountId: account.id, inboxId: inbox.id, messageId: reply.id, transport: "smtp", internetMessageId: "x@example.test", raw: sent, status: "sent" });
    const file = await getRawEmail(db(), userActor(admin.id), account.id, reply.id);
    expect(file.raw.equals(sent)).toBe(true);

    const note = await createMessage(db(), conversation, { messageType: "outgoing", content: "internal", private: true });
    await expect(getRawEmail(db(), userActor(admin.id), account.id, note.id)).rejects.toEqual(notFoundError);
  });

  it("through the route: 401 without a session, 404 for ids that are not numbers, the file for a member", async () => {
    const { account, member, outsider, raw, messageId } = await setup();
    const load = async (...args: Parameters<typeof getRawEmail>) => rawEmailResponse(await getRawEmail(...args));
    expect((await downloadForUser(null, String(account.id), String(messageId), load)).status).toBe(401);
    expect((await downloadForUser(member.id, String(account.id), "12abc", load)).status).toBe(404);
    expect((await downloadForUser(outsider.id, String(account.id), String(messageId), load)).status).toBe(404);
    const ok = await downloadForUser(member.id, String(account.id), String(messageId), load);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(raw)).toBe(true);
  });
});

describe("downloading attachments", () => {
  it("serves a PNG inline with its type, and HTML and SVG only as downloads of opaque bytes", async () => {
    const { account, member, byName } = await setup();
    const actor = userActor(member.id);

    const png = attachmentResponse(await getAttachment(db(), actor, account.id, byName("zip.png").id));
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("content-disposition")).toMatch(/^inline; filename="zip\.png"/);
    expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);

    for (const [name, bytes] of [["invoice.html", EVIL_HTML], ["logo.svg", EVIL_SVG]] as const) {
      const response = attachmentResponse(await getAttachment(db(), actor, account.id, byName(name).id));
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${name.replace(".", "\\.")}"`));
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(response.headers.get("content-security-policy")).toContain("sandbox");
      expect((await response.text()).trim()).toBe(bytes);
    }
  });

  it("is not found for an agent outside the inbox and for another account", async () => {
    const { account, outsider, otherAdmin, other, byName } = await setup();
    const id = byName("zip.png").id;
    await expect(getAttachment(db(), userActor(outsider.id), account.id, id)).rejects.toEqual(notFoundError);
    await expect(getAttachment(db(), userActor(otherAdmin.id), account.id, id)).rejects.toEqual(notFoundError);
    await expect(getAttachment(db(), userActor(otherAdmin.id), other.id, id)).rejects.toEqual(notFoundError);
  });

  it("lists a message's attachments for members only, without the bytes", async () => {
    const { account, member, outsider, admin, messageId } = await setup();
    const forMember = await listMessageAttachments(db(), userActor(member.id), account.id, [messageId]);
    expect((forMember.get(messageId) ?? []).map((a) => a.fileName).sort()).toEqual(["invoice.html", "logo.svg", "zip.png"]);
    expect(forMember.get(messageId)?.find((a) => a.fileName === "zip.png")).toMatchObject({ contentType: "image/png", byteSize: PNG.length });
    expect((await listMessageAttachments(db(), userActor(admin.id), account.id, [messageId])).get(messageId)).toHaveLength(3);
    expect((await listMessageAttachments(db(), userActor(outsider.id), account.id, [messageId])).size).toBe(0);
  });

  it("maps the inline image's Content-ID to the stored attachment so cid: images resolve", async () => {
    const { account, messageId, byName } = await setup();
    const [row] = await db().select().from(messages).where(and(eq(messages.accountId, account.id), eq(messages.id, messageId)));
    const email = row.contentAttributes.email as { inline_images?: Record<string, number> };
    expect(email.inline_images).toEqual({ "zip@example.org": byName("zip.png").id });
  });
});
