import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as agentsRoute from "@/app/api/v1/accounts/[account_id]/agents/route";
import * as agentRoute from "@/app/api/v1/accounts/[account_id]/agents/[id]/route";
import { accountInvitations, accountMail, accountUsers, channelEmail, customRoles, users } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { listAgents } from "@/lib/accounts/agents";
import { acceptInvitation, acceptInvitationAsNewUser, previewInvitation } from "@/lib/accounts/invitations/accept-invitation";
import { INVITATION_UNUSABLE_MESSAGE } from "@/lib/accounts/invitations/invitation-token";
import { resendInvitation } from "@/lib/accounts/invitations/invite-agent";
import { listPendingInvitations } from "@/lib/accounts/invitations/list-invitations";
import { getProfile } from "@/lib/accounts/profile";
import { userActor } from "@/lib/auth/actor";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import * as f from "../../factories";
import { call } from "../api/call";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow } from "../../support/email-inbox";
import { useJobRunner } from "../../support/job-runner";
import { startSmtpServer } from "../../support/smtp-server";
import { linkTokenFor } from "./mail-link";

const db = useTestDatabase();
useJobRunner(db);

const ACCEPT = "/accept-invitation";

async function twoAccounts() {
  const a = await f.createWorkspace(db(), { accountName: "Account A" });
  const b = await f.createWorkspace(db(), { accountName: "Account B" });
  const secret = await f.createAgent(db(), b.account.id, { name: "Agent B Secret Name", email: `agentb-${b.account.id}@b.test` });
  return { a, b, secret };
}

// Chatwoot's request: POST /api/v1/accounts/{id}/agents {name, email, role}
const invite = (token: string, accountId: number, email: string) =>
  call(agentsRoute.POST, { token, params: { account_id: accountId }, body: { name: "Typed By Admin", email, role: "agent" } });

describe("adding an agent by email", () => {
  it("answers the same for another account's user and a new address, and attaches nobody until they accept", async () => {
    const { a, b, secret } = await twoAccounts();
    const existing = await invite(a.admin.apiAccessToken, a.account.id, secret.email.toUpperCase());
    const fresh = await invite(a.admin.apiAccessToken, a.account.id, `nobody-${a.account.id}@new.test`);

    expect(existing.status).toBe(200);
    expect(fresh.status).toBe(200);
    // Nothing of B's user: not their name, not their id, no password either way.
    expect(JSON.stringify(existing.body)).not.toContain("Agent B Secret Name");
    expect(existing.body).toMatchObject({ id: null, confirmed: false, name: "Typed By Admin", email: secret.email.toLowerCase(), role: "agent" });
    expect(existing.body).not.toHaveProperty("password");
    const neutral = (body: Record<string, unknown>) => ({ ...body, email: "x", invitation: { id: 0, expires_at: 0 } });
    expect(neutral(existing.body)).toEqual(neutral(fresh.body));
    expect(Math.abs(existing.body.invitation.expires_at - fresh.body.invitation.expires_at)).toBeLessThan(60);

    // Not a member of A: A's agent list, A's access check and B's user's own profile all say so.
    const listed = await call(agentsRoute.GET, { token: a.admin.apiAccessToken, params: { account_id: a.account.id } });
    expect(listed.body.map((x: { id: number }) => x.id)).not.toContain(secret.id);
    await expect(requireAccountAccess(db(), userActor(secret.id), a.account.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await getProfile(db(), secret.id)).accounts.map((x) => x.id)).toEqual([b.account.id]);
    // The pending invitations look alike too.
    const pending = await listPendingInvitations(db(), userActor(a.admin.id), a.account.id);
    expect(pending.map((p) => [p.name, p.role, p.expired])).toEqual([
      ["Typed By Admin", "agent", false],
      ["Typed By Admin", "agent", false],
    ]);
  });

  it("lets an existing user join only by accepting the emailed link while signed in as the invited address, once", async () => {
    const { a, b, secret } = await twoAccounts();
    await invite(a.admin.apiAccessToken, a.account.id, secret.email);
    const { token, text } = await linkTokenFor(db(), secret.email.toLowerCase(), { path: ACCEPT });
    expect(text).toContain("join Account A");

    // Someone else signed in (B's administrator) cannot use the link.
    await expect(acceptInvitation(db(), userActor(b.admin.id), token)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining(`This invitation is for ${secret.email.toLowerCase()}, but you are signed in as ${b.admin.email}`),
    });
    await expect(requireAccountAccess(db(), userActor(b.admin.id), a.account.id)).rejects.toMatchObject({ code: "not_found" });
    // The link's page says the same for an existing user as for a new address (it offers both ways).
    expect(await previewInvitation(db(), token)).toEqual({ accountName: "Account A", email: secret.email.toLowerCase(), name: "Typed By Admin", role: "agent" });
    await expect(acceptInvitationAsNewUser(db(), token, { name: "Squatter", password: "squatter password" })).rejects.toMatchObject({
      message: expect.stringContaining("already has a Postdesk user: sign in as it to accept"),
    });

    expect(await acceptInvitation(db(), userActor(secret.id), token)).toEqual({ accountId: a.account.id });
    expect((await requireAccountAccess(db(), userActor(secret.id), a.account.id)).role).toBe("agent");
    // Their name is still their own, in both accounts.
    expect((await listAgents(db(), userActor(a.admin.id), a.account.id)).find((x) => x.id === secret.id)?.name).toBe("Agent B Secret Name");
    await expect(acceptInvitation(db(), userActor(secret.id), token)).rejects.toMatchObject({ code: "not_found", message: INVITATION_UNUSABLE_MESSAGE });
  });

  it("lets a new person choose their password from the link; they are pending, not a member, until then", async () => {
    const { a } = await twoAccounts();
    const email = `nina-${a.account.id}@new.test`;
    await invite(a.admin.apiAccessToken, a.account.id, email);
    expect((await listAgents(db(), userActor(a.admin.id), a.account.id)).map((x) => x.email)).not.toContain(email);
    expect((await db().select().from(users).where(eq(users.email, email))).length).toBe(0);
    const { token } = await linkTokenFor(db(), email, { path: ACCEPT });
    expect(await previewInvitation(db(), token)).toEqual({ accountName: "Account A", email, name: "Typed By Admin", role: "agent" });

    await expect(acceptInvitationAsNewUser(db(), token, { name: "Nina", password: "short" })).rejects.toMatchObject({ code: "invalid" });
    const joined = await acceptInvitationAsNewUser(db(), token, { name: "Nina", password: "nina's own password" });
    expect(joined.accountId).toBe(a.account.id);
    expect((await authenticateWithPassword(db(), { email, password: "nina's own password", client: "test-client" })).ok).toBe(true);
    expect((await listAgents(db(), userActor(a.admin.id), a.account.id)).find((x) => x.email === email)).toMatchObject({ name: "Nina", role: "agent" });
    expect(await listPendingInvitations(db(), userActor(a.admin.id), a.account.id)).toEqual([]);
    await expect(acceptInvitationAsNewUser(db(), token, { name: "Mallory", password: "another password" })).rejects.toMatchObject({
      message: INVITATION_UNUSABLE_MESSAGE,
    });
  });

  it("stops a link after 7 days, and a resent invitation replaces the earlier link", async () => {
    const { a } = await twoAccounts();
    const email = `late-${a.account.id}@new.test`;
    const answer = await invite(a.admin.apiAccessToken, a.account.id, email);
    const first = await linkTokenFor(db(), email, { path: ACCEPT });
    const [row] = await db().select().from(accountInvitations).where(eq(accountInvitations.id, answer.body.invitation.id));
    // The link is stored only as its hash.
    expect(row.tokenHash).not.toContain(first.token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThan(7.1 * 24 * 3600_000);

    await db().update(accountInvitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(accountInvitations.id, row.id));
    await expect(previewInvitation(db(), first.token)).rejects.toMatchObject({ message: INVITATION_UNUSABLE_MESSAGE });
    expect((await listPendingInvitations(db(), userActor(a.admin.id), a.account.id))[0]?.expired).toBe(true);

    await resendInvitation(db(), userActor(a.admin.id), a.account.id, row.id);
    const second = await linkTokenFor(db(), email, { path: ACCEPT, after: first.mailId });
    await expect(previewInvitation(db(), first.token)).rejects.toMatchObject({ message: INVITATION_UNUSABLE_MESSAGE });
    expect((await previewInvitation(db(), second.token)).email).toBe(email);
  });

  it("never lets one account rename a user for another: the name is the user's", async () => {
    const { a, b, secret } = await twoAccounts();
    // secret belongs to both accounts (as after accepting an invitation).
    await db().insert(accountUsers).values({ accountId: a.account.id, userId: secret.id, role: "agent" });
    const params = { account_id: a.account.id, id: secret.id };
    const renamed = await call(agentRoute.PATCH, { token: a.admin.apiAccessToken, params, body: { name: "RENAMED BY TENANT A" } });
    expect(renamed.status).toBe(403);
    expect(renamed.body.error ?? renamed.body.message).toContain("Only the person can change their own name");
    const inB = await call(agentsRoute.GET, { token: b.admin.apiAccessToken, params: { account_id: b.account.id } });
    expect(inB.body.find((x: { id: number }) => x.id === secret.id).name).toBe("Agent B Secret Name");
    // A client echoing the unchanged name with a role change still works.
    const echoed = await call(agentRoute.PATCH, { token: a.admin.apiAccessToken, params, body: { name: "Agent B Secret Name", role: "administrator" } });
    expect(echoed.body).toMatchObject({ role: "administrator", name: "Agent B Secret Name" });
    // The user may rename themselves.
    const own = await call(agentRoute.PATCH, { token: secret.apiAccessToken, params: { account_id: b.account.id, id: secret.id }, body: { name: "Bea" } });
    expect(own.body.name).toBe("Bea");
  });

  it("refuses an address that is already a member, and agents cannot invite", async () => {
    const { a } = await twoAccounts();
    const again = await invite(a.admin.apiAccessToken, a.account.id, a.agent.email);
    expect(again.status).toBe(422);
    expect((await invite(a.agent.apiAccessToken, a.account.id, "x@new.test")).status).toBe(403);
  });

  it("sends the invitation through the account's first inbox with SMTP, as its address, and keeps no copy of the link", async () => {
    const { a } = await twoAccounts();
    const smtp = await startSmtpServer();
    try {
      const { channel } = await createEmailInboxRow(db(), a.account.id, { email: `help-${a.account.id}@a.test` });
      await db()
        .update(channelEmail)
        .set({ smtpEnabled: true, smtpAddress: smtp.host, smtpPort: smtp.port, smtpEnableSslTls: false, smtpEnableStarttlsAuto: false, smtpAuthentication: "none" })
        .where(eq(channelEmail.id, channel.id));
      const email = `via-smtp-${a.account.id}@new.test`;
      await invite(a.admin.apiAccessToken, a.account.id, email);
      for (let i = 0; i < 150 && smtp.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0].envelope).toEqual({ from: `help-${a.account.id}@a.test`, to: [email] });
      expect(smtp.messages[0].raw.toString()).toContain("accept-invitation?token=");
      // The log row is written once the server has accepted the mail, a moment after it arrived there.
      let [logged] = await db().select().from(accountMail).where(eq(accountMail.recipient, email));
      for (let i = 0; i < 50 && !logged; i++) {
        await new Promise((r) => setTimeout(r, 100));
        [logged] = await db().select().from(accountMail).where(eq(accountMail.recipient, email));
      }
      expect(logged).toMatchObject({ transport: "smtp", raw: null });
    } finally {
      await smtp.stop();
    }
  });

  it("invites as a custom role: the new member joins with its permissions; another account's role is refused", async () => {
    const { a, b } = await twoAccounts();
    const [triage] = await db().insert(customRoles).values({ accountId: a.account.id, name: "Triage", permissions: ["conversation_unassigned_manage"] }).returning();
    const [foreign] = await db().insert(customRoles).values({ accountId: b.account.id, name: "Other", permissions: ["conversation_manage"] }).returning();
    const email = `tess-${a.account.id}@new.test`;
    const body = { name: "Tess", email, role: "agent", custom_role_id: triage.id };
    const invited = await call(agentsRoute.POST, { token: a.admin.apiAccessToken, params: { account_id: a.account.id }, body });
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    expect(invited.body).toMatchObject({ role: "agent", custom_role_id: triage.id });
    const refused = await call(agentsRoute.POST, { token: a.admin.apiAccessToken, params: { account_id: a.account.id }, body: { ...body, email: `x-${email}`, custom_role_id: foreign.id } });
    expect(refused.status).toBe(404);

    // A resend keeps the role; accepting makes them a member with it.
    const first = await linkTokenFor(db(), email, { path: ACCEPT });
    const [pending] = await listPendingInvitations(db(), userActor(a.admin.id), a.account.id);
    await resendInvitation(db(), userActor(a.admin.id), a.account.id, pending.id);
    const { token } = await linkTokenFor(db(), email, { path: ACCEPT, after: first.mailId });
    const joined = await acceptInvitationAsNewUser(db(), token, { name: "Tess", password: "tess's own password" });
    const access = await requireAccountAccess(db(), userActor(joined.userId), a.account.id);
    expect(access).toMatchObject({ role: "agent", customRoleId: triage.id, permissions: ["conversation_unassigned_manage"] });
    expect((await listAgents(db(), userActor(a.admin.id), a.account.id)).find((x) => x.email === email)).toMatchObject({ customRoleId: triage.id });
  });
});
