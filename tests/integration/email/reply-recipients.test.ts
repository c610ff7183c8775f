import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runActionAs } from "@/app/_server/action";
import { sendMessageAction } from "@/app/_server/actions/conversations";
import { messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { getReplyRecipients } from "@/lib/email/compose/reply-recipients";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";

/**
 * What the reply composer of an email conversation starts with (the contact, or with Reply all
 * the To and Cc of the mail being answered, never our own addresses), and that the composer's
 * lists are stored as they were shown; a private note carries none.
 */
const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "reply-recipients-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.recipients.test");
});

async function setup() {
  const account = await f.createAccount(db());
  // Inbox addresses are unique on the installation: a domain per setup.
  const domain = `acme-rr-${account.id}.test`;
  const admin = await f.createAgent(db(), account.id, { role: "administrator" });
  const outsider = await f.createAgent(db(), account.id, { role: "agent" });
  const { inbox, channel } = await createEmailInboxRow(db(), account.id, { email: `help@${domain}` });
  const { channel: other } = await createEmailInboxRow(db(), account.id, { email: `sales@${domain}` });
  const forwarding = `${other.forwardingToken}@in.recipients.test`;
  const mail = rawMail({ from: "Carol <Carol@Customer.test>", to: `help@${domain}, Erin <erin@customer.test>`, cc: `dave@customer.test, ${forwarding}, sales@${domain}` });
  const result = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw: mail });
  const displayId = result.conversationDisplayId ?? 0;
  return { account, admin, outsider, inbox, channel, displayId };
}

describe("reply recipients", () => {
  it("are the contact, or with Reply all the sender, To and Cc of the answered mail minus every address of ours", async () => {
    const { account, admin, displayId } = await setup();
    expect(await getReplyRecipients(db(), userActor(admin.id), account.id, displayId)).toEqual({
      contact: { to: ["carol@customer.test"], cc: [] },
      replyAll: { to: ["carol@customer.test", "erin@customer.test"], cc: ["dave@customer.test"] },
      inboxSignature: null,
    });
  });

  it("are none for a conversation of another channel, and hidden from an agent outside the inbox", async () => {
    const { account, admin, outsider, displayId } = await setup();
    const api = await f.createInbox(db(), account.id, { memberIds: [admin.id] });
    const conversation = await f.createConversation(db(), account.id, api.id);
    expect(await getReplyRecipients(db(), userActor(admin.id), account.id, conversation.displayId)).toBeNull();
    await expect(getReplyRecipients(db(), userActor(outsider.id), account.id, displayId)).rejects.toThrow(/not found/);
  });

  it("are stored as the composer sent them; a private note keeps none; a reply without To or with a bad address is refused", async () => {
    const { account, admin, displayId } = await setup();
    const as = { actor: userActor(admin.id), userId: admin.id };
    const recipients = { to: ["carol@customer.test"], cc: ["dave@customer.test"], bcc: ["boss@acme-corp.test"] };
    const sent = await runActionAs(sendMessageAction, as, { accountId: account.id, displayId, content: "On our way", private: false, recipients });
    if (!sent.ok) throw new Error(sent.error);
    const note = await runActionAs(sendMessageAction, as, { accountId: account.id, displayId, content: "Call them", private: true, recipients });
    if (!note.ok) throw new Error(note.error);
    const rows = await db().select().from(messages).where(and(eq(messages.accountId, account.id), eq(messages.messageType, "outgoing")));
    const reply = rows.find((m) => m.id === sent.data.id);
    expect(reply?.contentAttributes).toMatchObject({ to_emails: recipients.to, cc_emails: recipients.cc, bcc_emails: recipients.bcc });
    expect(rows.find((m) => m.id === note.data.id)?.contentAttributes).toEqual({});

    const noTo = await runActionAs(sendMessageAction, as, { accountId: account.id, displayId, content: "x", private: false, recipients: { ...recipients, to: [] } });
    expect(noTo).toMatchObject({ ok: false, error: "Add at least one recipient in To" });
    const bad = await runActionAs(sendMessageAction, as, { accountId: account.id, displayId, content: "x", private: false, recipients: { ...recipients, cc: ["dave at customer"] } });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/dave at customer is not an email address/) });
  });
});
