import { simpleParser, type ParsedMail } from "mailparser";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as messagesRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import { emailDeliveries, inboxes, jobRuns, mentions, messages, users } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp-server";
import { call } from "../api/call";
import { createEmailInboxRow, createInboundEmail } from "../email/send-helpers";

const db = useTestDatabase();
const PASSWORD = "smtp-secret";
let smtp: TestSmtpServer | undefined;

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "rich-text-mail-key-rich-text-mail-key"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
});

/** An email conversation; its inbox sends by a real SMTP server, or keeps mail in the local outbox. */
async function emailConversation(options: { outbox?: boolean } = {}) {
  await db().delete(jobRuns);
  const { account, agent } = await f.createWorkspace(db());
  const login = `support-${account.id}@example.test`;
  if (!options.outbox) smtp = await startSmtpServer({ users: { [login]: PASSWORD } });
  const { inbox } = await createEmailInboxRow(db(), account.id, {
    email: login,
    smtp: smtp ? { host: smtp.host, port: smtp.port, login, password: PASSWORD } : undefined,
    memberIds: [agent.id],
  });
  const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
  const conversation = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
  await createInboundEmail(db(), conversation, { messageId: "m1@customer.test", subject: "Printer", from: "ada@customer.test", to: [login] });
  return { account, agent, inbox, conversation };
}

/** Sends the reply's delivery and parses the MIME the peer received (or the outbox kept). */
async function sentMail(messageId: number): Promise<{ parsed: ParsedMail; raw: string }> {
  const outcome = await sendEmailDelivery(db(), messageId);
  expect(outcome.status).toBe("sent");
  const [delivery] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, messageId));
  const raw = smtp ? (smtp.messages.at(-1)?.raw ?? Buffer.alloc(0)) : (delivery.raw ?? Buffer.alloc(0));
  return { parsed: await simpleParser(raw), raw: raw.toString("latin1") };
}

const HOSTILE_REPLY =
  `<p>Hello <strong>Ada</strong>, <em>please</em> read <a href="https://help.example/printers">the guide</a>.</p>` +
  `<ul><li>Unplug it</li><li>Wait a minute</li></ul><ol><li>First</li><li>Second</li></ol>` +
  `<blockquote><p>My printer is on fire</p></blockquote>` +
  `<p>Run <code>reset --all</code> then:</p><pre><code>line one\n  line two\n</code></pre>` +
  `<script>alert(1)</script><img src="https://t.example/p.gif" onerror="alert(2)">` +
  `<p onclick="steal()" style="position:fixed">Bye</p><a href="javascript:alert(3)">click</a><iframe src="https://evil.example"></iframe>`;

describe("rich-text replies go out as HTML with a faithful plain-text part", () => {
  it("an HTML reply is sanitized on the way in and sent multipart/alternative by SMTP", async () => {
    const { account, agent, conversation } = await emailConversation();
    const message = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: HOSTILE_REPLY, contentFormat: "html" });
    const [stored] = await db().select().from(messages).where(eq(messages.id, message.id));
    expect(stored.contentHtml).toContain("<strong>Ada</strong>");
    expect(stored.contentHtml).not.toMatch(/script|onerror|onclick|style=|javascript|iframe|<img|t\.example|evil/i);
    // The plain text is what the API, previews and search read.
    expect(stored.content).toContain("Hello Ada, please read the guide <https://help.example/printers>.");

    const { parsed, raw } = await sentMail(message.id);
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(parsed.html).toContain("<strong>Ada</strong>");
    expect(parsed.html).toContain('<a href="https://help.example/printers">the guide</a>');
    expect(parsed.html).toMatch(/<ul><li>Unplug it<\/li><li>Wait a minute<\/li><\/ul>/);
    expect(parsed.html).toContain("<blockquote>");
    expect(parsed.html).not.toMatch(/script|onerror|onclick|javascript|iframe|t\.example/i);
    const text = parsed.text ?? "";
    expect(text).toContain("Hello Ada, please read the guide <https://help.example/printers>.");
    expect(text).toMatch(/^- Unplug it$/m);
    expect(text).toMatch(/^- Wait a minute$/m);
    expect(text).toMatch(/^\s*1\. First$/m);
    expect(text).toMatch(/^\s*2\. Second$/m);
    expect(text).toMatch(/^> My printer is on fire$/m);
    expect(text).toContain("Run `reset --all` then:");
    expect(text).toContain("line one\n  line two");
    expect(text).not.toMatch(/<strong>|<p>|alert|javascript/);
  });

  it("the local outbox keeps the same two parts", async () => {
    const { account, agent, conversation } = await emailConversation({ outbox: true });
    const message = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "<p>Use <em>this</em> <a href=\"https://x.example/\">link</a></p>", contentFormat: "html" });
    const { parsed } = await sentMail(message.id);
    expect(parsed.html).toContain("<em>this</em>");
    expect(parsed.text?.trim()).toBe("Use this link <https://x.example/>");
  });

  it("plain content from the API is sent exactly as before: the text as given, the same HTML paragraphs", async () => {
    const { account, agent, conversation } = await emailConversation();
    const content = "Hello Ada,\n\nWe are on it. **not bold** <b>not a tag</b>\nline two";
    const created = await call(messagesRoute.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conversation.displayId }, body: { content, message_type: "outgoing" } });
    expect(created.status).toBe(200);
    expect(created.body.content).toBe(content);
    const { parsed } = await sentMail(created.body.id);
    expect(parsed.text?.replace(/\n$/, "")).toBe(content);
    expect(parsed.html).toBe(
      "<!doctype html><html><body><p>Hello Ada,</p>\n<p>We are on it. **not bold** &lt;b&gt;not a tag&lt;/b&gt;<br>line two</p></body></html>",
    );
  });

  it("the API renders Markdown (content_format: markdown) as Chatwoot renders its agents' messages, raw HTML in it stays text", async () => {
    const { account, agent, conversation } = await emailConversation();
    const content = "Hi **Ada**, see [the guide](https://help.example/g)\n\n- one\n- two\n\n<script>alert(1)</script>";
    const created = await call(messagesRoute.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conversation.displayId }, body: { content, content_format: "markdown" } });
    expect(created.status).toBe(200);
    const { parsed } = await sentMail(created.body.id);
    expect(parsed.html).toContain("<strong>Ada</strong>");
    expect(parsed.html).toContain('<a href="https://help.example/g">the guide</a>');
    expect(parsed.html).not.toContain("<script>");
    expect(parsed.text).toContain("Hi Ada, see the guide <https://help.example/g>");
    expect(parsed.text).toMatch(/^- two$/m);
  });
});

describe("signatures", () => {
  async function withSignatures(agentId: number, inboxId: number, agentSignature: string | null, inboxSignature: string | null, on = true) {
    await db().update(users).set({ messageSignature: agentSignature, signatureOnReplies: on }).where(eq(users.id, agentId));
    await db().update(inboxes).set({ emailSignature: inboxSignature }).where(eq(inboxes.id, inboxId));
  }

  it("the agent's then the inbox's signature are appended once to an email reply, in both parts", async () => {
    const { account, agent, inbox, conversation } = await emailConversation();
    await withSignatures(agent.id, inbox.id, "<p><strong>Bo Agent</strong><br>Support lead</p>", "<p>Acme Support · <a href=\"https://acme.example\">acme.example</a></p>");
    const message = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "<p>Done.</p>", contentFormat: "html" });
    const { parsed } = await sentMail(message.id);
    const text = parsed.text ?? "";
    expect(text).toContain("Done.\n\n-- \nBo Agent\nSupport lead\n\nAcme Support · acme.example <https://acme.example>");
    expect(text.match(/Bo Agent/g)).toHaveLength(1);
    expect(parsed.html).toContain("<strong>Bo Agent</strong>");
    expect(String(parsed.html).match(/Bo Agent/g)).toHaveLength(1);
    expect(parsed.html).toContain('<a href="https://acme.example">acme.example</a>');
    // The thread shows what the agent wrote; the signature is the mail's.
    const [stored] = await db().select().from(messages).where(eq(messages.id, message.id));
    expect(stored.content).toBe("Done.");
  });

  it("is not added again when the agent's own text already ends with it, but is when only a quote has it", async () => {
    const { account, agent, inbox, conversation } = await emailConversation();
    await withSignatures(agent.id, inbox.id, "<p>Bo from Acme</p>", null);
    const typed = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "<p>Done.</p><p>Bo from Acme</p>", contentFormat: "html" });
    const first = await sentMail(typed.id);
    expect(first.parsed.text?.match(/Bo from Acme/g)).toHaveLength(1);
    expect(String(first.parsed.html).match(/Bo from Acme/g)).toHaveLength(1);

    const quoting = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "<blockquote><p>Thanks</p><p>Bo from Acme</p></blockquote><p>More news.</p>", contentFormat: "html" });
    const second = await sentMail(quoting.id);
    expect(second.parsed.text).toMatch(/More news\.\n\n-- \nBo from Acme/);
  });

  it("is left out when the agent turned 'add to replies' off, and never touches a private note", async () => {
    const { account, agent, inbox, conversation } = await emailConversation();
    await withSignatures(agent.id, inbox.id, "<p>Bo from Acme</p>", null, false);
    const reply = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "Plain reply", contentFormat: "text" });
    const { parsed } = await sentMail(reply.id);
    expect(parsed.text).not.toContain("Bo from Acme");

    await withSignatures(agent.id, inbox.id, "<p>Bo from Acme</p>", "<p>Acme Support</p>", true);
    const note = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "<p>internal</p>", contentFormat: "html", private: true });
    const [stored] = await db().select().from(messages).where(eq(messages.id, note.id));
    expect(stored.content).toBe("internal");
    expect(stored.contentHtml).toBe("<p>internal</p>");
    const deliveries = await db().select().from(emailDeliveries).where(and(eq(emailDeliveries.accountId, account.id), eq(emailDeliveries.messageId, note.id)));
    expect(deliveries).toHaveLength(0);
  });
});

describe("a formatted private note", () => {
  it("keeps an @mention from the editor as Chatwoot's markup in its text, and the mentioned agent is recorded", async () => {
    const { account, agent, conversation } = await emailConversation({ outbox: true });
    const colleague = await f.createAgent(db(), account.id, { role: "administrator", name: "Cy Admin" });
    const html = `<p><a href="mention://user/${colleague.id}/Cy%20Admin">@Cy Admin</a> please look at <strong>this</strong></p>`;
    const note = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: html, contentFormat: "html", private: true });
    const [stored] = await db().select().from(messages).where(eq(messages.id, note.id));
    expect(stored.content).toBe(`[@Cy Admin](mention://user/${colleague.id}/Cy%20Admin) please look at this`);
    expect(stored.contentHtml).toContain(`href="mention://user/${colleague.id}/Cy%20Admin"`);
    const recorded = await db().select().from(mentions).where(eq(mentions.userId, colleague.id));
    expect(recorded).toHaveLength(1);
  });
});
