import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channelEmail, inboxMembers } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { decryptSecret } from "@/lib/crypto/secrets";
import { setEnvVar } from "@/lib/env";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { getEmailInboxHealth, inboxesNeedingReconnect } from "@/lib/inboxes/email-health";
import { updateEmailInbox } from "@/lib/inboxes/update-email-inbox";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "inbox-create-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
});

// Addresses and mailboxes are unique on the installation, so each test has its own.
let n = 0;
let settings = mailboxSettings();
function mailboxSettings() {
  n += 1;
  return {
    email: `Support-${n}@Acme.test`,
    imapAddress: "imap.acme.test",
    imapLogin: `support-${n}@acme.test`,
    imapPassword: "imap-secret-1",
    smtpAddress: "smtp.acme.test",
    smtpLogin: `support-${n}@acme.test`,
    smtpPassword: "smtp-secret-1",
  };
}
beforeEach(() => {
  settings = mailboxSettings();
});

async function storedChannel(channelId: number) {
  const [row] = await db().select().from(channelEmail).where(eq(channelEmail.id, channelId));
  return row;
}

describe("creating an email inbox", () => {
  it("stores the settings with defaults, passwords only encrypted, a forwarding address and the members", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const inbox = await createEmailInbox(db(), userActor(admin.id), account.id, { name: "Acme support", memberIds: [agent.id], channel: settings });
    expect(inbox).toMatchObject({ name: "Acme support", channelType: "email" });
    expect(inbox.email).toMatchObject({
      email: settings.email.toLowerCase(),
      imapPort: 993,
      imapEnableSsl: true,
      imapFolder: "INBOX",
      imapProcessedFolder: "Processed",
      imapAfterImport: "move",
      pollIntervalSeconds: 60,
      smtpPort: 587,
      smtpEnableStarttlsAuto: true,
      hasImapPassword: true,
      hasSmtpPassword: true,
      health: "ok",
    });
    expect(inbox.email.forwardingAddress).toMatch(/^in-[0-9a-f]{24}@in\.postdesk\.test$/);
    expect(JSON.stringify(inbox)).not.toMatch(/imap-secret-1|smtp-secret-1/);

    const row = await storedChannel(inbox.channelId);
    expect(row.imapPasswordEnc).not.toContain("imap-secret-1");
    expect(decryptSecret(row.imapPasswordEnc ?? "")).toBe("imap-secret-1");
    expect(decryptSecret(row.smtpPasswordEnc ?? "")).toBe("smtp-secret-1");
    expect(row.nextPollAt).not.toBeNull();
    const members = await db().select().from(inboxMembers).where(eq(inboxMembers.inboxId, inbox.id));
    expect(members.map((m) => m.userId)).toEqual([agent.id]);
  });

  it("refuses agents, bad values and an address that already has an inbox, saying which field is wrong", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const asAdmin = userActor(admin.id);
    await expect(createEmailInbox(db(), userActor(agent.id), account.id, { name: "X", channel: settings })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createEmailInbox(db(), asAdmin, account.id, { name: "X", channel: { ...settings, pollIntervalSeconds: 10 } })).rejects.toThrow(
      /at least 30 seconds/,
    );
    await expect(createEmailInbox(db(), asAdmin, account.id, { name: "X", channel: { ...settings, imapAddress: null } })).rejects.toThrow(/IMAP host/);
    await expect(createEmailInbox(db(), asAdmin, account.id, { name: "X", channel: { ...settings, email: "not an address" } })).rejects.toThrow(
      /Email address is not valid/,
    );
    await createEmailInbox(db(), asAdmin, account.id, { name: "First", channel: settings });
    await expect(createEmailInbox(db(), asAdmin, account.id, { name: "Second", channel: { ...settings, email: settings.email.toUpperCase() } })).rejects.toMatchObject({
      code: "conflict",
      message: `An inbox for ${settings.email.toLowerCase()} already exists in this account: "First"`,
    });
  });

  it("creates a forwarding-only inbox without IMAP or SMTP servers", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const inbox = await createEmailInbox(db(), userActor(admin.id), account.id, {
      name: "Forwarded",
      channel: { email: "help@acme.test", imapEnabled: false, smtpEnabled: false },
    });
    expect(inbox.email).toMatchObject({ imapEnabled: false, smtpEnabled: false, hasImapPassword: false });
    expect((await storedChannel(inbox.channelId)).nextPollAt).toBeNull();
  });
});

describe("updating an email inbox", () => {
  it("keeps a stored password when the field is left blank, replaces it when given, and clears reconnect needed", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const asAdmin = userActor(admin.id);
    const inbox = await createEmailInbox(db(), asAdmin, account.id, { name: "Acme", channel: settings });
    await db().update(channelEmail).set({ health: "reconnect_needed", lastError: "The IMAP server refused the password" }).where(eq(channelEmail.id, inbox.channelId));
    expect(await inboxesNeedingReconnect(db(), asAdmin, account.id)).toEqual([{ id: inbox.id, name: "Acme" }]);

    // Another port (or host, TLS choice, login) is another destination: the stored password is not sent there.
    await expect(updateEmailInbox(db(), asAdmin, account.id, inbox.id, { channel: { imapPassword: "", imapPort: 143 } })).rejects.toThrow(
      "IMAP password: Re-enter the password: the server settings changed",
    );
    const renamed = await updateEmailInbox(db(), asAdmin, account.id, inbox.id, { name: "Acme EU", channel: { imapPassword: "", smtpPassword: null, imapFolder: "INBOX" } });
    expect(renamed).toMatchObject({ name: "Acme EU" });
    expect(renamed.email).toMatchObject({ imapPort: 993, imapFolder: "INBOX", hasImapPassword: true, health: "ok" });
    let row = await storedChannel(inbox.channelId);
    expect(decryptSecret(row.imapPasswordEnc ?? "")).toBe("imap-secret-1");
    expect(decryptSecret(row.smtpPasswordEnc ?? "")).toBe("smtp-secret-1");
    expect(await inboxesNeedingReconnect(db(), asAdmin, account.id)).toEqual([]);

    await updateEmailInbox(db(), asAdmin, account.id, inbox.id, { channel: { imapPassword: "imap-secret-2" } });
    row = await storedChannel(inbox.channelId);
    expect(decryptSecret(row.imapPasswordEnc ?? "")).toBe("imap-secret-2");

    await expect(updateEmailInbox(db(), asAdmin, account.id, inbox.id, { channel: { imapAddress: null } })).rejects.toThrow(/IMAP host/);
  });

  it("is for administrators of the account only", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const other = await f.createWorkspace(db());
    const inbox = await createEmailInbox(db(), userActor(admin.id), account.id, { name: "Acme", channel: settings });
    await expect(updateEmailInbox(db(), userActor(agent.id), account.id, inbox.id, { name: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateEmailInbox(db(), userActor(other.admin.id), account.id, inbox.id, { name: "Nope" })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateEmailInbox(db(), userActor(other.admin.id), other.account.id, inbox.id, { name: "Nope" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("inbox health", () => {
  it("shows the last poll, the last error and nothing quarantined for a new inbox; agents see no reconnect banner", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const inbox = await createEmailInbox(db(), userActor(admin.id), account.id, { name: "Acme", memberIds: [agent.id], channel: settings });
    const polledAt = new Date("2026-01-02T03:04:05Z");
    await db()
      .update(channelEmail)
      .set({ health: "reconnect_needed", lastSuccessfulPollAt: polledAt, lastError: "The IMAP server refused the password" })
      .where(eq(channelEmail.id, inbox.channelId));
    const health = await getEmailInboxHealth(db(), userActor(agent.id), account.id, inbox.id);
    expect(health).toMatchObject({
      status: "reconnect_needed",
      lastSuccessfulPollAt: polledAt,
      lastError: "The IMAP server refused the password",
      importedToday: 0,
      quarantinedCount: 0,
      quarantined: [],
    });
    expect(await inboxesNeedingReconnect(db(), userActor(agent.id), account.id)).toEqual([]);
  });
});
