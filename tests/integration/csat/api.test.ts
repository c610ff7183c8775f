/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as responses from "@/app/api/v1/accounts/[account_id]/csat_survey_responses/route";
import * as download from "@/app/api/v1/accounts/[account_id]/csat_survey_responses/download/route";
import * as metrics from "@/app/api/v1/accounts/[account_id]/csat_survey_responses/metrics/route";
import * as inboxRoute from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import { conversations, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { answerSurvey } from "@/lib/csat/respond";
import { sendCsatSurvey } from "@/lib/csat/send-survey";
import { surveyToken } from "@/lib/csat/token";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";

const db = useTestDatabase();
beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "csat-api-test-key-csat-api-test-key-csat");
  setEnvVar("AUTH_SECRET", "csat-api-test-auth-secret-csat-api-test");
});
afterAll(() => {
  setEnvVar("ENCRYPTION_KEY", "");
  setEnvVar("AUTH_SECRET", "");
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function get(handler: Handler, token: string, accountId: number, search = "") {
  const res = await handler(new Request(`http://localhost:3000/api/v1/accounts/${accountId}/csat_survey_responses${search}`, { headers: { api_access_token: token } }), {
    params: Promise.resolve({ account_id: String(accountId) }),
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}
const json = (r: { text: string }) => JSON.parse(r.text) as any;

async function seed() {
  const account = await f.createAccount(db());
  const admin = await f.createAgent(db(), account.id, { role: "administrator", name: "Alice Admin" });
  const agent = await f.createAgent(db(), account.id, { role: "agent", name: "Bob Agent" });
  const { inbox, channel } = await createEmailInboxRow(db(), account.id);
  await f.addInboxMember(db(), account.id, inbox.id, agent.id);
  // Turned on the way a Chatwoot client does it: PATCH the inbox.
  const patched = await inboxRoute.PATCH(
    new Request(`http://localhost:3000/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, {
      method: "PATCH",
      headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" },
      body: JSON.stringify({ csat_survey_enabled: true }),
    }),
    { params: Promise.resolve({ account_id: String(account.id), id: String(inbox.id) }) },
  );
  expect(patched.status).toBe(200);
  expect((await patched.json()).csat_survey_enabled).toBe(true);

  const survey = async (from: string, assignee: number | null, sentAt: Date, answer?: { rating: number; feedbackMessage?: string }) => {
    const r = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "imap", raw: rawMail({ from, to: channel.email, subject: `Question from ${from}` }) });
    const [m] = await db().select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, r.messageId!));
    const [c] = await db().select().from(conversations).where(eq(conversations.id, m.conversationId));
    if (assignee) await assignConversation(db(), userActor(admin.id), account.id, c.displayId, { assigneeId: assignee });
    await toggleStatus(db(), userActor(admin.id), account.id, c.displayId, { status: "resolved" });
    const sent = await sendCsatSurvey(db(), account.id, c.id, sentAt);
    if (!("sent" in sent)) throw new Error(sent.skipped);
    if (answer) await answerSurvey(db(), surveyToken(sent.surveyId), "192.0.2.1", answer, new Date(sentAt.getTime() + 3600_000));
    return { conversation: c, ...sent };
  };
  const day = (d: number) => new Date(Date.UTC(2026, 4, d, 12));
  const a = await survey("Ada <ada@customer.test>", agent.id, day(3), { rating: 5, feedbackMessage: "Quick, thanks" });
  const b = await survey("Cy <cy@customer.test>", agent.id, day(4), { rating: 2, feedbackMessage: "=cmd|' /C calc'!A0" });
  const c = await survey("Di <di@customer.test>", admin.id, day(5), { rating: 4 });
  await survey("Ed <ed@customer.test>", agent.id, day(6)); // not answered
  await survey("Flo <flo@customer.test>", null, day(20), { rating: 1 }); // outside the range below
  return { account, admin, agent, inbox, a, b, c, since: Math.floor(day(1).getTime() / 1000), until: Math.floor(day(10).getTime() / 1000) };
}

describe("CSAT API (Chatwoot's /csat_survey_responses)", () => {
  it("lists answers, counts metrics and downloads CSV with Chatwoot's filters and shapes", async () => {
    const s = await seed();
    const range = `?since=${s.since}&until=${s.until}`;

    const list = await get(responses.GET, s.admin.apiAccessToken, s.account.id, range);
    expect(list.status).toBe(200);
    const rows = json(list);
    expect(rows.map((r: any) => r.rating)).toEqual([4, 2, 5]);
    expect(rows[2]).toMatchObject({
      rating: 5,
      feedback_message: "Quick, thanks",
      account_id: s.account.id,
      message_id: s.a.messageId,
      conversation_id: s.a.conversation.displayId,
      contact: { email: "ada@customer.test", name: "Ada" },
      assigned_agent: { id: s.agent.id, available_name: "Bob Agent" },
    });
    expect(typeof rows[2].created_at).toBe("number");

    // user_ids[] as Chatwoot's dashboard sends it, and the repeated form; rating; inbox.
    const byAgent = json(await get(responses.GET, s.admin.apiAccessToken, s.account.id, `${range}&user_ids[]=${s.agent.id}`));
    expect(byAgent.map((r: any) => r.rating)).toEqual([2, 5]);
    const byBoth = json(await get(responses.GET, s.admin.apiAccessToken, s.account.id, `${range}&user_ids=${s.agent.id}&user_ids=${s.admin.id}&rating=4`));
    expect(byBoth.map((r: any) => r.rating)).toEqual([4]);
    expect(json(await get(responses.GET, s.admin.apiAccessToken, s.account.id, `${range}&inbox_id=${s.inbox.id + 1000}`))).toEqual([]);

    const m = await get(metrics.GET, s.admin.apiAccessToken, s.account.id, range);
    expect(json(m)).toEqual({ total_count: 3, ratings_count: { "2": 1, "4": 1, "5": 1 }, total_sent_messages_count: 4 });
    expect(json(await get(metrics.GET, s.admin.apiAccessToken, s.account.id, ""))).toEqual({ total_count: 4, ratings_count: { "1": 1, "2": 1, "4": 1, "5": 1 }, total_sent_messages_count: 5 });

    const csv = await get(download.GET, s.admin.apiAccessToken, s.account.id, range);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("Agent Name,Rating,Feedback Comment,Contact Name,Contact Email Address,Contact Phone Number,Link to the conversation,Recorded date");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(lines[2]).toContain(`/app/accounts/${s.account.id}/conversations/${s.b.conversation.displayId}`);
    expect(lines[4]).toBe("Reporting period 2026-05-01 to 2026-05-10");

    // Reports are for administrators (and roles with "Reports"): a plain agent is refused.
    expect((await get(responses.GET, s.agent.apiAccessToken, s.account.id, range)).status).toBe(403);
    expect((await get(metrics.GET, s.agent.apiAccessToken, s.account.id)).status).toBe(403);
    // Another account's token sees nothing of it.
    const other = await f.createWorkspace(db());
    expect((await get(responses.GET, other.admin.apiAccessToken, s.account.id)).status).toBe(404);
  });
});
