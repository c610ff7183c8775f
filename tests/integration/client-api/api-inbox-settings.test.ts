import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as inboxesRoute from "@/app/api/v1/accounts/[account_id]/inboxes/route";
import * as inboxRoute from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import { runActionAs } from "@/app/_server/action";
import * as contactsRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/route";
import { createApiInboxAction, rotateApiInboxCredentialAction, updateApiInboxAction } from "@/app/_server/actions/api-inbox";
import { channelApi, inboxes } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { decryptSecret } from "@/lib/crypto/secrets";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { call } from "../api/call";
import { useTestDatabase } from "../../support/db";
import { request } from "./request";

/**
 * The API channel's settings: created and changed from the wizard and the settings card
 * (administrators only) and through Chatwoot's inbox API; the callback URL passes the outbound
 * address policy.
 */
const db = useTestDatabase();
const as = (userId: number) => ({ actor: userActor(userId), userId });

describe("API inbox settings", () => {
  it("the wizard creates it with a callback URL and enforcement; the card changes them; agents cannot", async () => {
    const w = await f.createWorkspace(db());
    const created = await runActionAs(createApiInboxAction, as(w.admin.id), {
      accountId: w.account.id,
      name: "Mobile app",
      webhookUrl: "https://hooks.example.com/desk",
      hmacMandatory: true,
      allowMessagesAfterResolved: false,
    });
    if (!created.ok) throw new Error(created.error);
    const [inbox] = await db().select().from(inboxes).where(eq(inboxes.id, created.data.id));
    const [channel] = await db().select().from(channelApi).where(eq(channelApi.id, inbox.channelId));
    expect(inbox).toMatchObject({ channelType: "api", name: "Mobile app", allowMessagesAfterResolved: false });
    expect(channel).toMatchObject({ webhookUrl: "https://hooks.example.com/desk", hmacMandatory: true });

    const values = { accountId: w.account.id, inboxId: inbox.id, webhookUrl: "", hmacMandatory: false, allowMessagesAfterResolved: true };
    expect((await runActionAs(updateApiInboxAction, as(w.agent.id), values)).ok).toBe(false);
    expect((await runActionAs(createApiInboxAction, as(w.agent.id), { ...values, name: "Mine" })).ok).toBe(false);
    const updated = await runActionAs(updateApiInboxAction, as(w.admin.id), values);
    expect(updated).toEqual({ ok: true, data: { webhookUrl: null } });
    const [after] = await db().select().from(channelApi).where(eq(channelApi.id, inbox.channelId));
    expect(after).toMatchObject({ webhookUrl: null, hmacMandatory: false });
  });

  it("rotates the HMAC token and the callback's signing secret (administrators): the old ones stop working at once", async () => {
    setEnvVar("ENCRYPTION_KEY", "api-inbox-rotate-test-key");
    const w = await f.createWorkspace(db());
    const created = await runActionAs(createApiInboxAction, as(w.admin.id), { accountId: w.account.id, name: "App", webhookUrl: "", hmacMandatory: true, allowMessagesAfterResolved: true });
    if (!created.ok) throw new Error(created.error);
    const channelOf = async () => {
      const [inbox] = await db().select().from(inboxes).where(eq(inboxes.id, created.data.id));
      return (await db().select().from(channelApi).where(eq(channelApi.id, inbox.channelId)))[0];
    };
    const before = await channelOf();
    const hash = (token: string) => createHmac("sha256", token).update("user-7").digest("hex");
    const identify = (token: string) =>
      request(contactsRoute.POST, { params: { inbox_identifier: before.identifier ?? "" }, body: { identifier: "user-7", identifier_hash: hash(token) } });
    expect((await identify(before.hmacToken ?? "")).status).toBe(200);

    const target = { accountId: w.account.id, inboxId: created.data.id };
    expect((await runActionAs(rotateApiInboxCredentialAction, as(w.agent.id), { ...target, credential: "hmac_token" })).ok).toBe(false);
    const token = await runActionAs(rotateApiInboxCredentialAction, as(w.admin.id), { ...target, credential: "hmac_token" });
    if (!token.ok) throw new Error(token.error);
    expect(token.data.value).not.toBe(before.hmacToken);
    expect((await identify(before.hmacToken ?? "")).status).toBe(401);
    expect((await identify(token.data.value)).status).toBe(200);

    const secret = await runActionAs(rotateApiInboxCredentialAction, as(w.admin.id), { ...target, credential: "secret" });
    if (!secret.ok) throw new Error(secret.error);
    expect(secret.data.value).toMatch(/^whsec_/);
    const after = await channelOf();
    expect(decryptSecret(after.secret ?? "")).toBe(secret.data.value);
    expect(decryptSecret(before.secret ?? "")).not.toBe(secret.data.value);
  });

  it("refuses callback URLs the outbound policy refuses: loopback, private and metadata addresses, credentials, other schemes", async () => {
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "false");
    const w = await f.createWorkspace(db());
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "https://localhost/hook",
      "https://10.1.2.3/hook",
      "http://169.254.169.254/latest/meta-data",
      "https://[::1]/hook",
      "https://user:pass@hooks.example.com/x",
      "ftp://hooks.example.com/x",
    ]) {
      const res = await call(inboxesRoute.POST, {
        token: w.admin.apiAccessToken,
        params: { account_id: w.account.id },
        body: { name: "Hooked", channel: { type: "api", webhook_url: url } },
      });
      expect(res.status, url).toBe(422);
    }
    const ok = await call(inboxesRoute.POST, {
      token: w.admin.apiAccessToken,
      params: { account_id: w.account.id },
      body: { name: "Hooked", channel: { type: "api", webhook_url: "https://hooks.example.com/desk", hmac_mandatory: true } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      channel_type: "Channel::Api",
      webhook_url: "https://hooks.example.com/desk",
      hmac_mandatory: true,
      inbox_identifier: expect.any(String),
      hmac_token: expect.any(String),
    });
    const patched = await call(inboxRoute.PATCH, {
      token: w.admin.apiAccessToken,
      params: { account_id: w.account.id, id: ok.body.id },
      body: { channel: { webhook_url: "http://192.168.1.10/x" } },
    });
    expect(patched.status).toBe(422);
    // An installation that allows private targets may point at its own network.
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
    try {
      const lan = await call(inboxRoute.PATCH, {
        token: w.admin.apiAccessToken,
        params: { account_id: w.account.id, id: ok.body.id },
        body: { channel: { webhook_url: "https://10.1.2.3/hook" } },
      });
      expect(lan.status).toBe(200);
    } finally {
      setEnvVar("OUTBOUND_ALLOW_PRIVATE", "false");
    }
  });
});
