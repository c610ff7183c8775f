import { and, eq, inArray } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import * as ruleRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/route";
import * as runsRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/runs/route";
import * as executeRoute from "@/app/api/v1/accounts/[account_id]/macros/[id]/execute/route";
import * as macrosRoute from "@/app/api/v1/accounts/[account_id]/macros/route";
import { accountMail, channelEmail } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { executeMacro } from "@/lib/automation/macros";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { changeTeamMembers, createTeam } from "@/lib/teams/teams";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow } from "@/tests/support/email-inbox";
import { startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp-server";
import { call } from "../api/call";

const db = useTestDatabase();
let smtp: TestSmtpServer;
let refusing: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  refusing = await startSmtpServer({ failWith: { code: 550, message: "mailbox unavailable" } });
});
afterAll(async () => {
  await smtp.stop();
  await refusing.stop();
});

/** A workspace whose system mail goes out through an SMTP inbox on `server`. */
async function workspace(server: TestSmtpServer) {
  const w = await f.createWorkspace(db());
  const { channel } = await createEmailInboxRow(db(), w.account.id, { email: `help-${w.account.id}@a.test` });
  await db()
    .update(channelEmail)
    .set({ smtpEnabled: true, smtpAddress: server.host, smtpPort: server.port, smtpEnableSslTls: false, smtpEnableStarttlsAuto: false, smtpAuthentication: "none" })
    .where(eq(channelEmail.id, channel.id));
  return { ...w, params: { account_id: w.account.id } };
}

const mailsTo = (server: TestSmtpServer, to: string) => server.messages.filter((m) => m.envelope.to.includes(to));

describe("mailing actions", () => {
  it("send_email_transcript mails the customer-visible messages in order to each address (Chatwoot's comma list)", async () => {
    const w = await workspace(smtp);
    const a = `first-${w.account.id}@x.test`;
    const b = `second-${w.account.id}@y.test`;
    const created = await call(rulesRoute.POST, {
      token: w.admin.apiAccessToken,
      params: w.params,
      body: { name: "Transcript", event_name: "conversation_resolved", conditions: [], actions: [{ action_name: "send_email_transcript", action_params: [`${a}, ${b}`] }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const contact = await f.createContact(db(), w.account.id, { name: "Carol Customer" });
    const c = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "My parcel is late", messageType: "incoming" } });
    await createMessage(db(), userActor(w.agent.id), w.account.id, c.displayId, { content: "Internal: check the courier", private: true });
    await createMessage(db(), userActor(w.agent.id), w.account.id, c.displayId, { content: "It arrives tomorrow" });
    await processPendingAutomationEvents(db(), w.account.id);
    const { toggleStatus } = await import("@/lib/conversations/toggle-status");
    await toggleStatus(db(), userActor(w.agent.id), w.account.id, c.displayId, { status: "resolved" });
    await processPendingAutomationEvents(db(), w.account.id);

    for (const to of [a, b]) {
      const [mail] = mailsTo(smtp, to);
      expect(mail, `a transcript for ${to}`).toBeDefined();
      const parsed = await simpleParser(mail.raw);
      expect(parsed.subject).toBe(`[#${c.displayId}] Conversation transcript`);
      const text = parsed.text ?? "";
      expect(text).toMatch(/Carol Customer[^\n]*:\nMy parcel is late[\s\S]*Bob Agent[^\n]*:\nIt arrives tomorrow/);
      expect(text).not.toContain("Internal: check the courier");
    }
    const runs = (await call(runsRoute.GET, { token: w.admin.apiAccessToken, params: { ...w.params, id: created.body.id } })).body.payload;
    expect(runs[0].summary).toMatch(/actions done: send_email_transcript$/);
    // A bad address is refused when the rule is saved.
    const bad = await call(rulesRoute.POST, {
      token: w.admin.apiAccessToken,
      params: w.params,
      body: { name: "Bad", event_name: "conversation_resolved", conditions: [], actions: [{ action_name: "send_email_transcript", action_params: ["ok@x.test, not-an-address"] }] },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("not-an-address");
  });

  it("a refused transcript is recorded on the run and shown on the rule", async () => {
    const w = await workspace(refusing);
    const created = await call(rulesRoute.POST, {
      token: w.admin.apiAccessToken,
      params: w.params,
      body: { name: "Transcript", event_name: "conversation_created", conditions: [], actions: [{ action_name: "send_email_transcript", action_params: ["someone@x.test"] }] },
    });
    const contact = await f.createContact(db(), w.account.id);
    await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "hi", messageType: "incoming" } });
    await processPendingAutomationEvents(db(), w.account.id);
    const rule = (await call(ruleRoute.GET, { token: w.admin.apiAccessToken, params: { ...w.params, id: created.body.id } })).body.payload;
    expect(rule.last_error).toMatch(/^send_email_transcript on #\d+: not delivered to someone@x\.test \(.*550 mailbox unavailable\)/);
    // A refusal is final: the server is not asked again.
    expect(refusing.attempts()).toBe(1);
  });

  it("send_email_to_team mails each member of the teams the message with a link; a team without members fails", async () => {
    const w = await workspace(smtp);
    const admin = userActor(w.admin.id);
    const billing = await createTeam(db(), admin, w.account.id, { name: "Billing" });
    const empty = await createTeam(db(), admin, w.account.id, { name: "Empty" });
    await changeTeamMembers(db(), admin, w.account.id, billing.id, "add", { userIds: [w.agent.id, w.admin.id] });
    const macro = await call(macrosRoute.POST, {
      token: w.admin.apiAccessToken,
      params: w.params,
      body: { name: "Escalate", visibility: "global", actions: [{ action_name: "send_email_to_team", action_params: [{ team_ids: [billing.id], message: "Please look at this refund" }] }] },
    });
    expect(macro.status, JSON.stringify(macro.body)).toBe(200);
    const c = await f.createConversation(db(), w.account.id, w.inbox.id);
    const r = await call(executeRoute.POST, { token: w.agent.apiAccessToken, params: { ...w.params, id: macro.body.payload.id }, body: { conversation_ids: [c.displayId] } });
    expect(r.status).toBe(200);
    for (const to of [w.agent.email, w.admin.email]) {
      const [mail] = mailsTo(smtp, to);
      expect(mail, `a team mail for ${to}`).toBeDefined();
      const text = (await simpleParser(mail.raw)).text ?? "";
      expect(text).toContain("Please look at this refund");
      expect(text).toContain(`/app/accounts/${w.account.id}/conversations/${c.displayId}`);
    }
    const logged = await db().select().from(accountMail).where(and(eq(accountMail.accountId, w.account.id), inArray(accountMail.recipient, [w.agent.email, w.admin.email])));
    expect(logged.map((m) => m.kind)).toEqual(["team_notification", "team_notification"]);

    const lonely = await call(macrosRoute.POST, {
      token: w.admin.apiAccessToken,
      params: w.params,
      body: { name: "Nobody", visibility: "global", actions: [{ action_name: "send_email_to_team", action_params: [{ team_ids: [empty.id], message: "hello?" }] }] },
    });
    const run = await executeMacro(db(), userActor(w.agent.id), w.account.id, lonely.body.payload.id, { conversationIds: [c.displayId] });
    expect(run.results[0].actions).toEqual([{ action: "send_email_to_team", status: "failed", detail: "The team has no members to mail" }]);
    const missing = await call(macrosRoute.POST, { token: w.admin.apiAccessToken, params: w.params, body: { name: "x", actions: [{ action_name: "send_email_to_team", action_params: [{ team_ids: [] }] }] } });
    expect(missing.status).toBe(422);
  });
});
