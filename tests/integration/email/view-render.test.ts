import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmailMessageView } from "@/components/conversations/email-message";
import { Thread } from "@/components/conversations/thread";
import { userActor } from "@/lib/auth/actor";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { listMessageAttachments } from "@/lib/messages/get-attachment";
import { listMessages } from "@/lib/messages/list-messages";
import { addInboxMember, createAccount, createAgent } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { richMail } from "./view-fixtures";

/** What an agent sees of an incoming email in the conversation view (server-rendered markup). */
const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "view-render-test-key");
  setEnvVar("EMAIL_ATTACHMENT_MAX_BYTES", "2000");
});
// Back to the default (25 MB): an empty value would not parse.
afterAll(() => setEnvVar("EMAIL_ATTACHMENT_MAX_BYTES", String(25 * 1024 * 1024)));

async function setup(raw: Buffer) {
  const account = await createAccount(db());
  const agent = await createAgent(db(), account.id);
  const { inbox } = await createEmailInboxRow(db(), account.id);
  await addInboxMember(db(), account.id, inbox.id, agent.id);
  const result = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw });
  expect(result.status).toBe("imported");
  const { messages } = await listMessages(db(), userActor(agent.id), account.id, result.conversationDisplayId ?? 0, {});
  const message = messages.find((m) => m.id === result.messageId);
  if (!message) throw new Error("message not listed");
  const attachments = (await listMessageAttachments(db(), userActor(agent.id), account.id, [message.id])).get(message.id) ?? [];
  return { account, message, messages, attachments };
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

function frameOf(markup: string): { tag: string; doc: string } {
  const tag = /<iframe[^>]*>/.exec(markup)?.[0] ?? "";
  const doc = unescape(/srcDoc="([^"]*)"/i.exec(tag)?.[1] ?? "");
  return { tag, doc };
}

describe("an incoming email in the conversation view", () => {
  it("shows sender, recipients, subject, the reply in a script-less sandboxed frame, and folds the quoted history", async () => {
    const { account, message, attachments } = await setup(richMail());
    const markup = renderToStaticMarkup(createElement(EmailMessageView, { m: message, attachments, baseUrl: "http://app.test" }));
    const text = unescape(markup);

    expect(text).toContain("Carla Customer <carla@example.org>");
    expect(text).toContain("support@example.test, sales@example.test");
    expect(text).toContain("boss@example.org");
    expect(text).toContain("Zipper broke again");

    const { tag, doc } = frameOf(markup);
    expect(tag).toMatch(/sandbox="[^"]*"/);
    expect(tag).not.toContain("allow-scripts");
    expect(doc).toContain("The zipper broke again.");
    expect(doc).toContain("script-src 'none'");
    expect(doc).not.toContain("EARLIER-QUOTED-HISTORY");
    expect(markup).toContain("Show quoted text");

    // The inline image points at its stored attachment; the remote tracker is not loaded.
    const zip = attachments.find((a) => a.fileName === "zip.png");
    expect(zip).toBeDefined();
    expect(doc).toContain(`src="http://app.test/api/accounts/${account.id}/attachments/${zip?.id}"`);
    expect(doc).not.toMatch(/\ssrc="https:\/\/tracker/);
    expect(doc).toContain('data-blocked-src="https://tracker.example.net/pixel.gif"');
    expect(markup).toContain("Show remote images");

    // Files listed with name, size and a download link; the inline image is not repeated; the too-large one is named.
    const receipt = attachments.find((a) => a.fileName === "receipt.txt");
    expect(markup).toContain(`href="/api/accounts/${account.id}/attachments/${receipt?.id}"`);
    expect(text).toContain("receipt.txt");
    expect(text).toContain("17 bytes");
    expect(markup).not.toMatch(/>zip\.png</);
    expect(text).toMatch(/manual\.pdf.*3 KB.*not imported \(over the size limit\)/);
    expect(markup).toContain(`href="/api/accounts/${account.id}/messages/${message.id}/raw"`);
    expect(markup).toContain("Download original");
  });

  it("falls back to the plain text, labels an auto-reply, and keeps quoted text behind the toggle", async () => {
    const raw = rawMail({
      from: "Out Of Office <carla@example.org>",
      subject: "Automatic reply: Zipper",
      headers: ["Auto-Submitted: auto-replied"],
      body: "I am away until Monday.\r\n\r\nOn Mon, Nov 16, 2026 Support wrote:\r\n> PLAIN-QUOTED-LINE",
    });
    const { message, attachments } = await setup(raw);
    const markup = renderToStaticMarkup(createElement(EmailMessageView, { m: message, attachments }));
    expect(markup).not.toContain("<iframe");
    expect(markup).toContain("I am away until Monday.");
    expect(markup).not.toContain("PLAIN-QUOTED-LINE");
    expect(markup).toContain("Show quoted text");
    expect(markup).toContain("Auto-reply");
    expect(markup).not.toContain("Show remote images");
  });

  it("renders in the thread, statically too (the attachment list then waits for the server)", async () => {
    const { messages } = await setup(richMail());
    const markup = renderToStaticMarkup(createElement(Thread, { messages, contactName: "Carla" }));
    expect(markup).toContain("Zipper broke again");
    expect(markup).toContain("<iframe");
    expect(markup).toContain("Download original");
  });
});
