import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as profileRoute from "@/app/api/v1/profile/route";
import * as inboxRoute from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import * as messagesRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import { jobRuns } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp-server";
import { call } from "../api/call";
import { createEmailInboxRow, createInboundEmail } from "../email/send-helpers";

const db = useTestDatabase();
let smtp: TestSmtpServer | undefined;

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "signatures-api-key-signatures-api-key"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
});

/** PUT/PATCH with a JSON body the way Chatwoot's clients send it. */
async function send(method: "PUT" | "PATCH", handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, token: string, body: unknown, params: Record<string, string | number> = {}) {
  const request = new Request("http://localhost:3000/api/v1/x", { method, headers: { "content-type": "application/json", api_access_token: token }, body: JSON.stringify(body) });
  const response = await handler(request, { params: Promise.resolve(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))) });
  return { status: response.status, body: await response.json() };
}

describe("signatures through Chatwoot's profile API and the inbox API", () => {
  it("PUT /api/v1/profile sets message_signature (Markdown, sanitized) and ui_settings.send_with_signature; GET returns them", async () => {
    const { agent } = await f.createWorkspace(db());
    const before = await call(profileRoute.GET, { token: agent.apiAccessToken });
    expect(before.body).toMatchObject({ message_signature: null, ui_settings: { send_with_signature: true } });

    const put = await send("PUT", profileRoute.PUT, agent.apiAccessToken, {
      profile: { message_signature: "**Bob** from [Acme](https://acme.example)\n<img src=x onerror=alert(1)>", ui_settings: { send_with_signature: false } },
    });
    expect(put.status).toBe(200);
    expect(put.body.message_signature).toContain("<strong>Bob</strong>");
    expect(put.body.message_signature).toContain('<a href="https://acme.example">Acme</a>');
    // Raw HTML in Markdown stays text, escaped.
    expect(put.body.message_signature).not.toContain("<img");
    expect(put.body.ui_settings).toEqual({ send_with_signature: false });
    expect(put.body.name).toBe("Bob Agent");

    // Flat body, HTML from the editor: hostile parts removed; a blank one clears it.
    const flat = await send("PUT", profileRoute.PUT, agent.apiAccessToken, { message_signature: `<p onclick="x()">Bob <a href="javascript:alert(1)">here</a></p><script>alert(2)</script>` });
    expect(flat.body.message_signature).toMatch(/^<p>Bob <a>here<\/a><\/p>$/);
    const got = await call(profileRoute.GET, { token: agent.apiAccessToken });
    expect(got.body).toMatchObject({ message_signature: flat.body.message_signature, ui_settings: { send_with_signature: false } });
    const cleared = await send("PUT", profileRoute.PUT, agent.apiAccessToken, { profile: { message_signature: "  " } });
    expect(cleared.body.message_signature).toBeNull();
  });

  it("an administrator sets an email inbox's email_signature; an agent may not; replies sent through the API carry both signatures", async () => {
    await db().delete(jobRuns);
    const { account, admin, agent } = await f.createWorkspace(db());
    const login = `support-${account.id}@example.test`;
    smtp = await startSmtpServer({ users: { [login]: "pw" } });
    const { inbox } = await createEmailInboxRow(db(), account.id, { email: login, smtp: { host: smtp.host, port: smtp.port, login, password: "pw" }, memberIds: [agent.id] });
    const params = { account_id: account.id, id: inbox.id };

    const refused = await send("PATCH", inboxRoute.PATCH, agent.apiAccessToken, { email_signature: "Hacked" }, params);
    expect(refused.status).toBe(403);
    const patched = await send("PATCH", inboxRoute.PATCH, admin.apiAccessToken, { email_signature: "Acme Support · <https://acme.example>" }, params);
    expect(patched.status).toBe(200);
    expect(patched.body.email_signature).toContain('<a href="https://acme.example">https://acme.example</a>');
    const shown = await call(inboxRoute.GET, { token: agent.apiAccessToken, params });
    expect(shown.body.email_signature).toBe(patched.body.email_signature);

    await send("PUT", profileRoute.PUT, agent.apiAccessToken, { profile: { message_signature: "Bob, support", ui_settings: { send_with_signature: true } } });
    const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
    const conversation = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
    await createInboundEmail(db(), conversation, { messageId: "m1@customer.test", subject: "Hi", from: "ada@customer.test", to: [login] });
    const created = await call(messagesRoute.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conversation.displayId }, body: { content: "On it." } });
    expect(created.status).toBe(200);
    expect(created.body.content).toBe("On it.");
    expect((await sendEmailDelivery(db(), created.body.id)).status).toBe("sent");
    const mail = await simpleParser(smtp.messages[0].raw);
    expect(mail.text).toBe("On it.\n\n-- \nBob, support\n\nAcme Support · https://acme.example");
    expect(mail.html).toContain("Bob, support");

    // A private note is never signed nor sent.
    const note = await call(messagesRoute.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conversation.displayId }, body: { content: "internal", private: true } });
    expect(note.body.content).toBe("internal");
    expect((await sendEmailDelivery(db(), note.body.id)).status).toBe("skipped");
  });
});
