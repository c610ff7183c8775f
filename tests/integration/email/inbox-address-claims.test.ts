import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as relay from "@/app/api/ingress/relay/route";
import { channelEmail, rawEmails } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import { updateEmailInbox } from "@/lib/inboxes/update-email-inbox";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { rawMail } from "../../support/email-inbox";

/**
 * An inbox's address and the mailbox it reads are claimed on the whole installation (review M4a):
 * account B cannot take support@a.test from A (which made A's mail unroutable), nor read A's
 * mailbox; the refusal names the inbox only within the same account.
 */
const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "inbox-claims-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
  setEnvVar("INGRESS_PASSWORD", "relay-secret");
});

const forwardingOnly = (email: string) => ({ email, imapEnabled: false, smtpEnabled: false });
const imapMailbox = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  imapAddress: "imap.claims.test",
  imapLogin: "shared-login@claims.test",
  imapPassword: "secret",
  smtpEnabled: false,
  ...extra,
});

async function relayTo(to: string) {
  const raw = rawMail({ to, messageId: `${Math.random().toString(36).slice(2)}@customer.test` });
  const response = await relay.POST(
    new Request("http://desk.acme.test/api/ingress/relay", {
      method: "POST",
      body: new Uint8Array(raw),
      headers: { "content-type": "message/rfc822", authorization: `Basic ${Buffer.from("ingress:relay-secret").toString("base64")}` },
    }),
  );
  return { status: response.status, body: await response.json() };
}

describe("inbox addresses are unique on the installation", () => {
  it("refuses account B an address A's inbox has, without naming A's inbox, and A keeps receiving its mail", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    const inboxA = await createEmailInbox(db(), userActor(a.admin.id), a.account.id, { name: "Alpha secret desk", channel: forwardingOnly("support@a-claims.test") });

    const attempt = createEmailInbox(db(), userActor(b.admin.id), b.account.id, { name: "Mine now", channel: forwardingOnly("Support@A-Claims.test") });
    await expect(attempt).rejects.toMatchObject({ code: "conflict", message: "This address is already used by another inbox on this Postdesk" });
    await expect(attempt).rejects.not.toThrow(/Alpha/);
    // Within the account the message may say which inbox has it.
    await expect(createEmailInbox(db(), userActor(a.admin.id), a.account.id, { name: "Again", channel: forwardingOnly("SUPPORT@a-claims.test") })).rejects.toThrow(
      'An inbox for SUPPORT@a-claims.test already exists in this account: "Alpha secret desk"'.replace("SUPPORT@a-claims.test", "support@a-claims.test"),
    );

    // Renaming B's own inbox to A's address is refused the same way; the OAuth wizard says so before the consent screen.
    const inboxB = await createEmailInbox(db(), userActor(b.admin.id), b.account.id, { name: "Bravo", channel: forwardingOnly("support@b-claims.test") });
    await expect(updateEmailInbox(db(), userActor(b.admin.id), b.account.id, inboxB.id, { channel: { email: "support@a-claims.test" } })).rejects.toThrow(
      "This address is already used by another inbox on this Postdesk",
    );
    setEnvVar("GOOGLE_CLIENT_ID", "claims-client");
    setEnvVar("GOOGLE_CLIENT_SECRET", "claims-secret");
    await expect(startOAuthInbox(db(), userActor(b.admin.id), b.account.id, { provider: "google", email: "support@a-claims.test" })).rejects.toThrow(
      "This address is already used by another inbox on this Postdesk",
    );

    // Even written past the domain functions, the database refuses a second inbox with the address.
    await expect(
      db().insert(channelEmail).values({ accountId: b.account.id, email: "SUPPORT@a-claims.test", forwardingToken: "in-direct-insert" }),
    ).rejects.toMatchObject({ cause: { constraint_name: "channel_email_email_key" } });

    const answer = await relayTo("support@a-claims.test");
    expect(answer).toMatchObject({ status: 202, body: { status: "accepted", inbox_id: inboxA.id } });
    expect(await db().select().from(rawEmails).where(eq(rawEmails.inboxId, inboxB.id))).toHaveLength(0);
  });

  it("refuses an address Postdesk hands out itself: another inbox's forwarding address or a reply+ address", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    const inboxA = await createEmailInbox(db(), userActor(a.admin.id), a.account.id, { name: "Alpha", channel: forwardingOnly("desk@a-fwd-claims.test") });
    const forwarding = inboxA.email.forwardingAddress;
    expect(forwarding).toMatch(/@in\.postdesk\.test$/);
    await expect(createEmailInbox(db(), userActor(b.admin.id), b.account.id, { name: "Steal", channel: forwardingOnly(forwarding) })).rejects.toThrow(
      "This address is already used by another inbox on this Postdesk",
    );
    await expect(
      createEmailInbox(db(), userActor(b.admin.id), b.account.id, { name: "Steal", channel: forwardingOnly("reply+0b6c1a52-2f6e-4d5a-9b1e-0a4f1c2d3e4f@in.postdesk.test") }),
    ).rejects.toThrow("This address is already used by another inbox on this Postdesk");
  });
});

describe("one mailbox is read by one inbox", () => {
  it("refuses a second inbox on the same IMAP host, login and folder, in another account or the same one", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    await createEmailInbox(db(), userActor(a.admin.id), a.account.id, { name: "Alpha mailbox", channel: imapMailbox("one@mbox-claims.test") });

    const other = createEmailInbox(db(), userActor(b.admin.id), b.account.id, {
      name: "Bravo",
      channel: imapMailbox("two@mbox-claims.test", { imapAddress: "IMAP.claims.test", imapLogin: "Shared-Login@claims.test" }),
    });
    await expect(other).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("This mailbox is already read by another inbox on this Postdesk") });
    await expect(other).rejects.not.toThrow(/Alpha/);
    await expect(createEmailInbox(db(), userActor(a.admin.id), a.account.id, { name: "Twin", channel: imapMailbox("three@mbox-claims.test") })).rejects.toThrow(
      /already read by the inbox "Alpha mailbox"/,
    );

    // Another folder of the mailbox is another mailbox; moving an inbox onto the taken one is refused.
    const archive = await createEmailInbox(db(), userActor(b.admin.id), b.account.id, { name: "Archive", channel: imapMailbox("four@mbox-claims.test", { imapFolder: "Archive" }) });
    await expect(updateEmailInbox(db(), userActor(b.admin.id), b.account.id, archive.id, { channel: { imapFolder: "inbox" } })).rejects.toThrow(
      /This mailbox is already read by another inbox on this Postdesk/,
    );
    // Editing anything else of an inbox keeps working.
    await expect(updateEmailInbox(db(), userActor(b.admin.id), b.account.id, archive.id, { name: "Archive 2", channel: { pollIntervalSeconds: 120 } })).resolves.toMatchObject({
      name: "Archive 2",
    });
  });

  it("compares the login the poller signs in with: the address when no login is set", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    await createEmailInbox(db(), userActor(a.admin.id), a.account.id, { name: "Plain", channel: imapMailbox("login@plain-claims.test", { imapLogin: null }) });
    const inboxB = await createEmailInbox(db(), userActor(b.admin.id), b.account.id, { name: "Elsewhere", channel: imapMailbox("other@plain-claims.test", { imapLogin: "someone" }) });
    await expect(
      updateEmailInbox(db(), userActor(b.admin.id), b.account.id, inboxB.id, { channel: { imapLogin: "LOGIN@plain-claims.test", imapPassword: "secret" } }),
    ).rejects.toThrow(/already read by another inbox on this Postdesk/);
    // Not reading over IMAP claims no mailbox.
    await expect(
      createEmailInbox(db(), userActor(b.admin.id), b.account.id, { name: "Forward", channel: imapMailbox("fwd@plain-claims.test", { imapLogin: "login@plain-claims.test", imapEnabled: false }) }),
    ).resolves.toMatchObject({ name: "Forward" });
  });
});
