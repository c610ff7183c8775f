import { simpleParser } from "mailparser";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as fileRoute from "@/app/api/accounts/[accountId]/macro-files/[fileId]/route";
import * as attachRoute from "@/app/api/v1/accounts/[account_id]/macros/attach_file/route";
import * as executeRoute from "@/app/api/v1/accounts/[account_id]/macros/[id]/execute/route";
import * as macroRoute from "@/app/api/v1/accounts/[account_id]/macros/[id]/route";
import * as macrosRoute from "@/app/api/v1/accounts/[account_id]/macros/route";
import { attachments, jobRuns, messages } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp-server";
import { call } from "../api/call";
import { attachFile } from "./attach-file";
import { createEmailInboxRow, createInboundEmail } from "../email/send-helpers";

const db = useTestDatabase();
const PASSWORD = "smtp-secret";
let smtp: TestSmtpServer | undefined;

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "macro-attachment-test-key-macro-attachment"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  setEnvVar("ATTACHMENT_UPLOAD_MAX_BYTES", "");
});

const PDF = Buffer.from("%PDF-1.4 price list 2027");

/** POST …/macros/attach_file as Chatwoot's dashboard does. */
const upload = (token: string, accountId: number, file: File) => attachFile(attachRoute, token, accountId, file);

async function emailConversation() {
  await db().delete(jobRuns);
  const w = await f.createWorkspace(db());
  const login = `support-${w.account.id}@example.test`;
  smtp = await startSmtpServer({ users: { [login]: PASSWORD } });
  const { inbox } = await createEmailInboxRow(db(), w.account.id, { email: login, smtp: { host: smtp.host, port: smtp.port, login, password: PASSWORD }, memberIds: [w.agent.id] });
  const contact = await f.createContact(db(), w.account.id, { name: "Ada", email: "ada@customer.test" });
  const conversation = await f.createConversation(db(), w.account.id, inbox.id, { contactId: contact.id });
  await createInboundEmail(db(), conversation, { messageId: "m1@customer.test", references: [], subject: "Prices", from: "ada@customer.test", to: [login] });
  return { ...w, conversation };
}

describe("send_attachment (Chatwoot's macro action: a file uploaded with attach_file, named by its blob_id)", () => {
  it("the file is kept with the macro; running it sends a reply carrying the file, which arrives by SMTP as a MIME part", async () => {
    const w = await emailConversation();
    const params = { account_id: w.account.id };
    const uploaded = await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], "Price list.pdf", { type: "application/pdf" }));
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(uploaded.body).toEqual({ blob_id: expect.any(Number), blob_key: expect.any(String), file_url: expect.any(String) });

    const created = await call(macrosRoute.POST, {
      token: w.admin.apiAccessToken,
      params,
      body: { name: "Send prices", visibility: "global", actions: [{ action_name: "send_attachment", action_params: [uploaded.body.blob_id] }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.payload.actions).toEqual([{ action_name: "send_attachment", action_params: [uploaded.body.blob_id] }]);
    expect(created.body.payload.files).toEqual([expect.objectContaining({ blob_id: uploaded.body.blob_id, filename: "Price list.pdf", file_type: "application/pdf", account_id: w.account.id })]);

    // file_url opens for the account's agents (a shared macro), not for another account's.
    const download = (token: string) =>
      fileRoute.GET(new Request(created.body.payload.files[0].file_url, { headers: { api_access_token: token } }), { params: Promise.resolve({ accountId: String(w.account.id), fileId: String(uploaded.body.blob_id) }) });
    expect(Buffer.from(await (await download(w.agent.apiAccessToken)).arrayBuffer()).toString()).toBe(PDF.toString());
    expect((await download((await f.createWorkspace(db())).admin.apiAccessToken)).status).toBe(404);

    const run = await call(executeRoute.POST, { token: w.agent.apiAccessToken, params: { ...params, id: created.body.payload.id }, body: { conversation_ids: [w.conversation.displayId] } });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const [reply] = await db().select().from(messages).where(and(eq(messages.conversationId, w.conversation.id), eq(messages.messageType, "outgoing")));
    expect(reply).toMatchObject({ private: false, senderId: w.agent.id });
    const files = await db().select().from(attachments).where(eq(attachments.messageId, reply.id));
    expect(files.map((a) => [a.fileName, a.contentType, a.byteSize])).toEqual([["Price list.pdf", "application/pdf", PDF.length]]);

    expect(await sendEmailDelivery(db(), reply.id)).toMatchObject({ status: "sent", transport: "smtp" });
    const mail = await simpleParser(smtp?.messages[0].raw ?? Buffer.alloc(0));
    expect(mail.to).toMatchObject({ text: expect.stringContaining("ada@customer.test") });
    expect(mail.attachments.map((x) => [x.filename, x.contentType, x.content.toString()])).toEqual([["Price list.pdf", "application/pdf", PDF.toString()]]);

    // Running it again sends the file again: the macro keeps it.
    await call(executeRoute.POST, { token: w.agent.apiAccessToken, params: { ...params, id: created.body.payload.id }, body: { conversation_ids: [w.conversation.displayId] } });
    const replies = await db().select().from(messages).where(and(eq(messages.conversationId, w.conversation.id), eq(messages.messageType, "outgoing")));
    expect(replies).toHaveLength(2);

    // Taking the action out of the macro lets the file go.
    const edited = await call(macroRoute.PATCH, { token: w.admin.apiAccessToken, params: { ...params, id: created.body.payload.id }, body: { actions: [{ action_name: "resolve_conversation", action_params: [] }] } });
    expect(edited.status).toBe(200);
    expect(edited.body.payload.files ?? []).toEqual([]);
  });

  it("a file can only be used by the agent who uploaded it, in their own account; too large a file is refused with 413", async () => {
    const w = await emailConversation();
    const params = { account_id: w.account.id };
    const mine = await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], "a.pdf", { type: "application/pdf" }));
    const sendIt = { name: "Steal", actions: [{ action_name: "send_attachment", action_params: [mine.body.blob_id] }] };
    const byAgent = await call(macrosRoute.POST, { token: w.agent.apiAccessToken, params, body: sendIt });
    expect(byAgent.status).toBe(422);
    const stranger = await f.createWorkspace(db());
    const elsewhere = await call(macrosRoute.POST, { token: stranger.admin.apiAccessToken, params: { account_id: stranger.account.id }, body: sendIt });
    expect(elsewhere.status).toBe(422);
    const blank = await call(macrosRoute.POST, { token: w.admin.apiAccessToken, params, body: { name: "x", actions: [{ action_name: "send_attachment", action_params: [] }] } });
    expect(blank.status).toBe(422);

    setEnvVar("ATTACHMENT_UPLOAD_MAX_BYTES", "10");
    const big = await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], "big.pdf", { type: "application/pdf" }));
    expect(big.status).toBe(413);
  });
});
