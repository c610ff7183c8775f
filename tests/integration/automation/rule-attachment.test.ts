import { simpleParser } from "mailparser";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as fileRoute from "@/app/api/accounts/[accountId]/macro-files/[fileId]/route";
import * as attachRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/attach_file/route";
import * as cloneRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/clone/route";
import * as ruleRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/route";
import * as runsRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/runs/route";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import { attachments, emailDeliveries, macroFiles, messages } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createConversation } from "@/lib/conversations/create-conversation";
import { setEnvVar } from "@/lib/env";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp-server";
import { call } from "../api/call";
import { attachFile } from "./attach-file";
import { createEmailInboxRow } from "../email/send-helpers";

const db = useTestDatabase();
const PASSWORD = "smtp-secret";
let smtp: TestSmtpServer | undefined;

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "rule-attachment-test-key-rule-attachment-x"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  setEnvVar("ATTACHMENT_UPLOAD_MAX_BYTES", "");
});

const PDF = Buffer.from("%PDF-1.4 opening hours 2027");

/** POST …/automation_rules/attach_file as Chatwoot's dashboard does. */
const upload = (token: string, accountId: number, file: File) => attachFile(attachRoute, token, accountId, file);

/** A workspace with an email inbox sending through the test SMTP server. */
async function emailWorkspace() {
  const w = await f.createWorkspace(db());
  const login = `support-${w.account.id}@example.test`;
  smtp = await startSmtpServer({ users: { [login]: PASSWORD } });
  const { inbox } = await createEmailInboxRow(db(), w.account.id, { email: login, smtp: { host: smtp.host, port: smtp.port, login, password: PASSWORD }, memberIds: [w.agent.id] });
  return { ...w, emailInbox: inbox, params: { account_id: w.account.id } };
}

const sendIt = (blobId: number, extra: Record<string, unknown> = {}) => ({
  name: "Send the opening hours",
  event_name: "conversation_created",
  conditions: [],
  actions: [
    { action_name: "send_message", action_params: ["Here are our opening hours."] },
    { action_name: "send_attachment", action_params: [blobId] },
  ],
  ...extra,
});

describe("send_attachment in automation rules (Chatwoot's automation_rules/attach_file, named by blob_id)", () => {
  it("the rule keeps the file; its firing sends a reply carrying it to the customer by SMTP, and the run log names it", async () => {
    const w = await emailWorkspace();
    const uploaded = await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], "Opening hours.pdf", { type: "application/pdf" }));
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(uploaded.body).toEqual({ blob_id: expect.any(Number), blob_key: expect.any(String), file_url: expect.any(String) });

    const created = await call(rulesRoute.POST, { token: w.admin.apiAccessToken, params: w.params, body: sendIt(uploaded.body.blob_id) });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.actions[1]).toEqual({ action_name: "send_attachment", action_params: [uploaded.body.blob_id] });
    const file = { blob_id: uploaded.body.blob_id, automation_rule_id: created.body.id, filename: "Opening hours.pdf", file_type: "application/pdf", account_id: w.account.id };
    expect(created.body.files).toEqual([expect.objectContaining(file)]);
    const shown = await call(ruleRoute.GET, { token: w.admin.apiAccessToken, params: { ...w.params, id: created.body.id } });
    expect(shown.body.payload.files).toEqual([expect.objectContaining(file)]);
    const listed = await call(rulesRoute.GET, { token: w.admin.apiAccessToken, params: w.params });
    expect(listed.body.payload.find((r: { id: number }) => r.id === created.body.id).files).toEqual([expect.objectContaining(file)]);

    // file_url opens for the account's administrators, not for another account's.
    const download = (token: string) =>
      fileRoute.GET(new Request(created.body.files[0].file_url, { headers: { api_access_token: token } }), { params: Promise.resolve({ accountId: String(w.account.id), fileId: String(uploaded.body.blob_id) }) });
    expect(Buffer.from(await (await download(w.admin.apiAccessToken)).arrayBuffer()).toString()).toBe(PDF.toString());
    expect((await download((await f.createWorkspace(db())).admin.apiAccessToken)).status).toBe(404);

    const contact = await f.createContact(db(), w.account.id, { name: "Ada", email: "ada@customer.test" });
    const c = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.emailInbox.id, contactId: contact.id, message: { content: "When are you open?", messageType: "incoming" } });
    await processPendingAutomationEvents(db(), w.account.id);

    const replies = await db().select().from(messages).where(and(eq(messages.accountId, w.account.id), eq(messages.conversationId, c.id), eq(messages.messageType, "outgoing")));
    expect(replies.map((m) => m.content)).toEqual(["Here are our opening hours.", ""]);
    const withFile = replies[1];
    expect(withFile).toMatchObject({ private: false, senderId: w.admin.id });
    const files = await db().select().from(attachments).where(eq(attachments.messageId, withFile.id));
    expect(files.map((a) => [a.fileName, a.contentType, a.byteSize])).toEqual([["Opening hours.pdf", "application/pdf", PDF.length]]);

    // Through the outbox: the reply's delivery row, sent to the inbox's SMTP server.
    const [delivery] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, withFile.id));
    expect(delivery).toBeDefined();
    expect(await sendEmailDelivery(db(), withFile.id)).toMatchObject({ status: "sent", transport: "smtp" });
    const mail = await simpleParser(smtp?.messages.at(-1)?.raw ?? Buffer.alloc(0));
    expect(mail.to).toMatchObject({ text: expect.stringContaining("ada@customer.test") });
    expect(mail.attachments.map((x) => [x.filename, x.contentType, x.content.toString()])).toEqual([["Opening hours.pdf", "application/pdf", PDF.toString()]]);

    const runs = (await call(runsRoute.GET, { token: w.admin.apiAccessToken, params: { ...w.params, id: created.body.id } })).body.payload;
    expect(runs[0].summary).toContain("send_attachment (sent Opening hours.pdf)");
  });

  it("a file the rule lost is a failed action in the run log, the other actions still done; the rule stays active", async () => {
    const w = await emailWorkspace();
    const uploaded = await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], "hours.pdf", { type: "application/pdf" }));
    const created = await call(rulesRoute.POST, { token: w.admin.apiAccessToken, params: w.params, body: sendIt(uploaded.body.blob_id) });
    await db().delete(macroFiles).where(eq(macroFiles.id, uploaded.body.blob_id));
    const contact = await f.createContact(db(), w.account.id, { name: "Ada", email: "ada@customer.test" });
    await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.emailInbox.id, contactId: contact.id, message: { content: "Hi", messageType: "incoming" } });
    await processPendingAutomationEvents(db(), w.account.id);
    const runs = (await call(runsRoute.GET, { token: w.admin.apiAccessToken, params: { ...w.params, id: created.body.id } })).body.payload;
    expect(runs[0].outcome).toBe("failed");
    expect(runs[0].summary).toMatch(/actions done: send_message; failed: send_attachment \(The rule's file is no longer there: upload it again\)/);
    const shown = await call(ruleRoute.GET, { token: w.admin.apiAccessToken, params: { ...w.params, id: created.body.id } });
    expect(shown.body.payload).toMatchObject({ active: true, failure_count: 1 });
  });

  it("files are kept while the rule names them, copied by clone, deleted with the rule; only administrators upload; another's or another account's file is refused; limits as macros", async () => {
    const w = await emailWorkspace();
    const a = await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], "a.pdf", { type: "application/pdf" }));
    const created = await call(rulesRoute.POST, { token: w.admin.apiAccessToken, params: w.params, body: sendIt(a.body.blob_id) });
    const id = created.body.id;
    const fileRows = async () => db().select({ id: macroFiles.id, ruleId: macroFiles.ruleId }).from(macroFiles).where(eq(macroFiles.accountId, w.account.id));

    // PATCH without actions keeps the file; the clone gets its own copy.
    const renamed = await call(ruleRoute.PATCH, { token: w.admin.apiAccessToken, params: { ...w.params, id }, body: { name: "Renamed" } });
    expect(renamed.body.payload.files).toHaveLength(1);
    const clone = await call(cloneRoute.POST, { token: w.admin.apiAccessToken, params: { ...w.params, id } });
    expect(clone.status, JSON.stringify(clone.body)).toBe(200);
    expect(clone.body.files).toEqual([expect.objectContaining({ filename: "a.pdf", automation_rule_id: clone.body.id })]);
    expect(clone.body.files[0].blob_id).not.toBe(a.body.blob_id);
    expect(clone.body.actions.find((x: { action_name: string }) => x.action_name === "send_attachment").action_params).toEqual([clone.body.files[0].blob_id]);

    // Replacing the file (a second upload) lets the first one go.
    const b = await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], "b.pdf", { type: "application/pdf" }));
    const replaced = await call(ruleRoute.PATCH, { token: w.admin.apiAccessToken, params: { ...w.params, id }, body: { actions: [{ action_name: "send_attachment", action_params: [b.body.blob_id] }] } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.payload.files.map((x: { filename: string }) => x.filename)).toEqual(["b.pdf"]);
    expect((await fileRows()).filter((r) => r.ruleId === id).map((r) => r.id)).toEqual([b.body.blob_id]);

    // Deleting the rule deletes its files; the clone keeps its own.
    expect((await call(ruleRoute.DELETE, { token: w.admin.apiAccessToken, params: { ...w.params, id } })).status).toBe(200);
    expect((await fileRows()).map((r) => r.ruleId)).toEqual([clone.body.id]);

    // An agent may not upload for rules; an administrator may not take another account's file, nor a file a rule already keeps.
    expect((await upload(w.agent.apiAccessToken, w.account.id, new File([PDF], "x.pdf"))).status).toBe(403);
    const stranger = await f.createWorkspace(db());
    const theirs = await call(rulesRoute.POST, { token: stranger.admin.apiAccessToken, params: { account_id: stranger.account.id }, body: sendIt(clone.body.files[0].blob_id) });
    expect(theirs.status).toBe(422);
    const taken = await call(rulesRoute.POST, { token: w.admin.apiAccessToken, params: w.params, body: sendIt(clone.body.files[0].blob_id) });
    expect(taken.status).toBe(422);
    const blank = await call(rulesRoute.POST, { token: w.admin.apiAccessToken, params: w.params, body: { ...sendIt(1), actions: [{ action_name: "send_attachment", action_params: [] }] } });
    expect(blank.status).toBe(422);

    setEnvVar("ATTACHMENT_UPLOAD_MAX_BYTES", "10");
    expect((await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], "big.pdf", { type: "application/pdf" }))).status).toBe(413);
  });

  it("takes the rule as Chatwoot's own clients post it as a form too (actions[][action_name], actions[][action_params][]), urlencoded or multipart", async () => {
    const w = await emailWorkspace();
    for (const encode of ["urlencoded", "multipart"] as const) {
      const uploaded = await upload(w.admin.apiAccessToken, w.account.id, new File([PDF], `${encode}.pdf`, { type: "application/pdf" }));
      const fields: [string, string][] = [
        ["name", `Form ${encode}`],
        ["event_name", "conversation_created"],
        ["conditions[][attribute_key]", "status"],
        ["conditions[][filter_operator]", "equal_to"],
        ["conditions[][values][]", "open"],
        ["conditions[][query_operator]", "AND"],
        ["actions[][action_name]", "send_message"],
        ["actions[][action_params][]", "Welcome to the platform."],
        ["actions[][action_name]", "send_attachment"],
        ["actions[][action_params][]", String(uploaded.body.blob_id)],
      ];
      const body = encode === "urlencoded" ? new URLSearchParams(fields) : fields.reduce((form, [k, v]) => (form.append(k, v), form), new FormData());
      const request = new Request("http://localhost:3000/api/v1/x", { method: "POST", headers: { api_access_token: w.admin.apiAccessToken }, body });
      const response = await rulesRoute.POST(request, { params: Promise.resolve({ account_id: String(w.account.id) }) });
      const created = await response.json();
      expect(response.status, JSON.stringify(created)).toBe(200);
      expect(created.conditions).toEqual([expect.objectContaining({ attribute_key: "status", filter_operator: "equal_to", values: ["open"] })]);
      expect(created.actions).toEqual([
        { action_name: "send_message", action_params: ["Welcome to the platform."] },
        { action_name: "send_attachment", action_params: [String(uploaded.body.blob_id)] },
      ]);
      expect(created.files).toEqual([expect.objectContaining({ blob_id: uploaded.body.blob_id, filename: `${encode}.pdf` })]);
    }
  });
});
