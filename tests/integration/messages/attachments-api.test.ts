import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as download from "@/app/api/accounts/[accountId]/attachments/[attachmentId]/route";
import * as messagesRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import { jobRuns } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { createMessage } from "@/lib/messages/create-message";
import { buildIntegrationPayload } from "@/lib/integrations/payloads/build";
import { stageUpload } from "@/lib/messages/attachment-uploads";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp-server";
import { createEmailInboxRow, createInboundEmail } from "../email/send-helpers";

const db = useTestDatabase();
const PASSWORD = "smtp-secret";
let smtp: TestSmtpServer | undefined;

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "attachments-test-key-attachments-test-key"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  setEnvVar("ATTACHMENT_UPLOAD_MAX_BYTES", "");
});

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

/** POST …/messages as Chatwoot's dashboard sends a reply with files: a real multipart body, every value a string. */
async function postMultipart(token: string, accountId: number, displayId: number, fields: Record<string, string>, files: File[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const file of files) form.append("attachments[]", file);
  const request = new Request("http://localhost:3000/api/v1/x", { method: "POST", headers: { api_access_token: token }, body: form });
  expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
  const response = await messagesRoute.POST(request, { params: Promise.resolve({ account_id: String(accountId), conversation_id: String(displayId) }) });
  return { status: response.status, body: await response.json() };
}

/** An email conversation whose inbox sends by a real SMTP server. */
async function emailConversation() {
  await db().delete(jobRuns);
  const { account, agent } = await f.createWorkspace(db());
  const login = `support-${account.id}@example.test`;
  smtp = await startSmtpServer({ users: { [login]: PASSWORD } });
  const { inbox } = await createEmailInboxRow(db(), account.id, { email: login, smtp: { host: smtp.host, port: smtp.port, login, password: PASSWORD }, memberIds: [agent.id] });
  const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
  const conversation = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
  await createInboundEmail(db(), conversation, { messageId: "m1@customer.test", references: [], subject: "Invoice", from: "ada@customer.test", to: [login] });
  return { account, agent, conversation };
}

describe("attachments on agents' replies and notes", () => {
  it("the messages API takes multipart attachments[]; the payload lists them in Chatwoot's fields; SMTP sends them as MIME parts", async () => {
    const { account, agent, conversation } = await emailConversation();
    const pdf = new File([Buffer.from("%PDF-1.4 invoice 42")], "Invoice 42.pdf", { type: "application/pdf" });
    const png = new File([PNG], "screenshot.png", { type: "image/png" });
    const created = await postMultipart(agent.apiAccessToken, account.id, conversation.displayId, { content: "Here is your invoice.", message_type: "outgoing", private: "false" }, [pdf, png]);
    expect(created.status).toBe(200);
    expect(created.body.content).toBe("Here is your invoice.");
    expect(created.body.private).toBe(false);
    const [a, b] = created.body.attachments;
    expect(created.body.attachments).toHaveLength(2);
    expect(a).toMatchObject({ message_id: created.body.id, file_type: "file", account_id: account.id, extension: "pdf", file_size: pdf.size, thumb_url: "" });
    expect(b).toMatchObject({ file_type: "image", extension: "png", file_size: PNG.length });
    expect(b.thumb_url).toBe(`${b.data_url}/thumbnail`);
    expect(a.data_url).toMatch(new RegExp(`/api/accounts/${account.id}/attachments/${a.id}$`));

    // data_url opens with the API token (an API client has no session).
    const file = await download.GET(new Request(a.data_url, { headers: { api_access_token: agent.apiAccessToken } }), { params: Promise.resolve({ accountId: String(account.id), attachmentId: String(a.id) }) });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe("%PDF-1.4 invoice 42");
    const stranger = await f.createWorkspace(db());
    const refused = await download.GET(new Request(a.data_url, { headers: { api_access_token: stranger.admin.apiAccessToken } }), { params: Promise.resolve({ accountId: String(account.id), attachmentId: String(a.id) }) });
    expect(refused.status).toBe(404);

    // The listing shows them too.
    const listed = await messagesRoute.GET(new Request("http://localhost:3000/api/v1/x", { headers: { api_access_token: agent.apiAccessToken } }), { params: Promise.resolve({ account_id: String(account.id), conversation_id: String(conversation.displayId) }) });
    const page = (await listed.json()) as { payload: { id: number; attachments: { id: number }[] }[] };
    expect(page.payload.find((m) => m.id === created.body.id)?.attachments.map((x) => x.id)).toEqual([a.id, b.id]);

    // The message_created webhook carries them in the same fields.
    const hook = await buildIntegrationPayload(db(), { accountId: account.id, event: "message_created", conversationId: conversation.id, messageId: created.body.id, occurredAt: Date.now() });
    expect(hook?.payload.attachments).toEqual(created.body.attachments);

    expect(await sendEmailDelivery(db(), created.body.id)).toMatchObject({ status: "sent", transport: "smtp" });
    expect(smtp?.messages).toHaveLength(1);
    const mail = await simpleParser(smtp?.messages[0].raw ?? Buffer.alloc(0));
    expect(mail.text?.trim()).toBe("Here is your invoice.");
    expect(mail.attachments.map((x) => [x.filename, x.contentType, x.content.toString("hex")])).toEqual([
      ["Invoice 42.pdf", "application/pdf", Buffer.from("%PDF-1.4 invoice 42").toString("hex")],
      ["screenshot.png", "image/png", PNG.toString("hex")],
    ]);
  });

  it("a message may be only files; files over the limit are refused with 413", async () => {
    const { account, agent, conversation } = await emailConversation();
    const only = await postMultipart(agent.apiAccessToken, account.id, conversation.displayId, { private: "true" }, [new File(["notes"], "notes.txt", { type: "text/plain" })]);
    expect(only.status).toBe(200);
    expect(only.body).toMatchObject({ private: true, content: "" });
    expect(only.body.attachments).toHaveLength(1);

    setEnvVar("ATTACHMENT_UPLOAD_MAX_BYTES", "10");
    const big = await postMultipart(agent.apiAccessToken, account.id, conversation.displayId, { content: "big" }, [new File(["0123456789AB"], "big.bin")]);
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/big\.bin is larger than the 10 bytes limit/);
  });

  it("the composer's staged uploads move onto the sent message, only the uploading agent's own", async () => {
    const { account, agent, conversation } = await emailConversation();
    const up = await stageUpload(db(), userActor(agent.id), account.id, { fileName: "photo.png", contentType: "image/png", data: PNG });
    const other = await f.createAgent(db(), account.id, { role: "administrator" });
    const theirs = await stageUpload(db(), userActor(other.id), account.id, { fileName: "x.txt", contentType: "text/plain", data: Buffer.from("x") });
    await expect(createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "with theirs" }, { uploadIds: [theirs.id] })).rejects.toMatchObject({ code: "invalid" });

    const note = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "", private: true }, { uploadIds: [up.id] });
    const listed = await messagesRoute.GET(new Request("http://localhost:3000/api/v1/x", { headers: { api_access_token: agent.apiAccessToken } }), { params: Promise.resolve({ account_id: String(account.id), conversation_id: String(conversation.displayId) }) });
    const page = (await listed.json()) as { payload: { id: number; attachments: { file_type: string; file_size: number }[] }[] };
    expect(page.payload.find((m) => m.id === note.id)?.attachments).toEqual([expect.objectContaining({ file_type: "image", file_size: PNG.length })]);
    // Used once: sending it again finds nothing.
    await expect(createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "again", private: true }, { uploadIds: [up.id] })).rejects.toMatchObject({ code: "invalid" });
  });
});
