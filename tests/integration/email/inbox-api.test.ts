import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as inboxes from "@/app/api/v1/accounts/[account_id]/inboxes/route";
import * as inbox from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import * as poll from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/poll/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import { channelEmail } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "inbox-api-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
});

// Chatwoot's field names, as an existing Chatwoot client sends them.
const emailChannel = {
  type: "email",
  email: "support@acme.test",
  imap_enabled: true,
  imap_address: "imap.acme.test",
  imap_port: 993,
  imap_login: "support@acme.test",
  imap_password: "imap-pass-XYZ",
  imap_enable_ssl: true,
  smtp_enabled: true,
  smtp_address: "smtp.acme.test",
  smtp_port: 587,
  smtp_login: "support@acme.test",
  smtp_password: "smtp-pass-XYZ",
  smtp_domain: "acme.test",
  smtp_enable_ssl_tls: false,
  smtp_enable_starttls_auto: true,
  smtp_authentication: "login",
};

describe("email inboxes through the API", () => {
  it("creates one with Chatwoot's fields; the JSON has the settings, forwarding address and health but never a password", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const a = { account_id: account.id };
    const created = await call(inboxes.POST, { token: admin.apiAccessToken, params: a, body: { name: "Acme mail", channel: emailChannel } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: "Acme mail",
      channel_type: "Channel::Email",
      email: "support@acme.test",
      imap_address: "imap.acme.test",
      imap_port: 993,
      imap_login: "support@acme.test",
      smtp_address: "smtp.acme.test",
      smtp_enable_starttls_auto: true,
      imap_folder: "INBOX",
      imap_processed_folder: "Processed",
      reauthorization_required: false,
      health: { status: "ok", last_successful_poll_at: null, last_error: null },
    });
    expect(created.body.forwarding_address).toMatch(/@in\.postdesk\.test$/);
    const [row] = await db().select().from(channelEmail).where(eq(channelEmail.id, created.body.channel_id));
    expect(decryptSecret(row.imapPasswordEnc ?? "")).toBe("imap-pass-XYZ");

    const id = created.body.id;
    const reads = [
      created,
      await call(inbox.GET, { token: admin.apiAccessToken, params: { ...a, id } }),
      await call(inboxes.GET, { token: admin.apiAccessToken, params: a }),
      await call(inbox.PATCH, { token: admin.apiAccessToken, params: { ...a, id }, body: { name: "Acme", channel: { imap_login: "support@acme.test", imap_password: "" } } }),
    ];
    for (const r of reads) {
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toMatch(/pass-XYZ|_password|_enc/);
    }
    expect(reads[3].body).toMatchObject({ name: "Acme", imap_port: 993 });
    const [after] = await db().select().from(channelEmail).where(eq(channelEmail.id, created.body.channel_id));
    expect(decryptSecret(after.imapPasswordEnc ?? "")).toBe("imap-pass-XYZ");
    // The stored password is not kept for another server: it must be sent again.
    const moved = await call(inbox.PATCH, { token: admin.apiAccessToken, params: { ...a, id }, body: { channel: { imap_port: 143, imap_password: "" } } });
    expect(moved.status).toBe(422);
    expect(moved.body.message).toBe("IMAP password: Re-enter the password: the server settings changed");
    const retyped = await call(inbox.PATCH, { token: admin.apiAccessToken, params: { ...a, id }, body: { channel: { imap_port: 143, imap_password: "imap-pass-XYZ" } } });
    expect(retyped.body).toMatchObject({ imap_port: 143 });

    // Agents see the address and health, not the servers or the forwarding address.
    await f.addInboxMember(db(), account.id, id, agent.id);
    const forAgent = await call(inbox.GET, { token: agent.apiAccessToken, params: { ...a, id } });
    expect(forAgent.body).toMatchObject({ email: "support@acme.test", health: { status: "ok" } });
    expect(forAgent.body.forwarding_address).toBeUndefined();
    expect(forAgent.body.imap_address).toBeUndefined();
  });

  it("answers 422 with the field for bad values, 403 for agents", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const a = { account_id: account.id };
    const bad = await call(inboxes.POST, { token: admin.apiAccessToken, params: a, body: { name: "X", channel: { ...emailChannel, imap_address: "" } } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/Host can't be blank|IMAP host/);
    const agentTry = await call(inboxes.POST, { token: agent.apiAccessToken, params: a, body: { name: "X", channel: emailChannel } });
    expect(agentTry.status).toBe(403);
  });

  it("polls on request: 202 for an IMAP inbox, 422 for a forwarding-only inbox, 404 for an API inbox", async () => {
    const { account, admin, agent, inbox: apiInbox } = await f.createWorkspace(db());
    const a = { account_id: account.id };
    const t = admin.apiAccessToken;
    const imap = await call(inboxes.POST, { token: t, params: a, body: { name: "IMAP", channel: { ...emailChannel, email: "poll@acme.test", imap_login: "poll@acme.test" } } });
    const forwarded = await call(inboxes.POST, {
      token: t,
      params: a,
      body: { name: "Fwd", channel: { type: "email", email: "fwd@acme.test", imap_enabled: false, smtp_enabled: false } },
    });
    expect((await call(poll.POST, { token: t, params: { ...a, id: imap.body.id }, body: {} })).status).toBe(202);
    const noImap = await call(poll.POST, { token: t, params: { ...a, id: forwarded.body.id }, body: {} });
    expect(noImap.status).toBe(422);
    expect(noImap.body.message).toMatch(/no IMAP mailbox/);
    expect((await call(poll.POST, { token: t, params: { ...a, id: apiInbox.id }, body: {} })).status).toBe(404);
    expect((await call(poll.POST, { token: agent.apiAccessToken, params: { ...a, id: imap.body.id }, body: {} })).status).toBe(403);
  });

  it("documents the email channel fields and the poll endpoint in the OpenAPI document", async () => {
    const doc = await call(openapi.GET, { path: "/api/v1/openapi.json" });
    expect(doc.status).toBe(200);
    expect(doc.body.paths["/api/v1/accounts/{account_id}/inboxes/{id}/poll"].post).toBeDefined();
    expect(JSON.stringify(doc.body.paths["/api/v1/accounts/{account_id}/inboxes"].post.requestBody)).toContain("smtp_enable_starttls_auto");
  });
});
