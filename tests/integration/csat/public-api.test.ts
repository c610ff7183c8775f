import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as inboxRoute from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import * as surveyRoute from "@/app/public/api/v1/csat_survey/[uuid]/route";
import { conversations, csatSurveyResponses, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { csatMetrics } from "@/lib/csat/report";
import { csatSurveyMailBody } from "@/lib/csat/mail-body";
import { sendCsatSurvey } from "@/lib/csat/send-survey";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { call } from "../api/call";

const db = useTestDatabase();
beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "csat-public-test-key-csat-public-test-key");
  setEnvVar("AUTH_SECRET", "csat-public-test-auth-secret-csat-public");
});
afterAll(() => {
  setEnvVar("ENCRYPTION_KEY", "");
  setEnvVar("AUTH_SECRET", "");
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
/** As Chatwoot's survey page sends it: PUT with a JSON body, no token. */
async function send(handler: Handler, uuid: string, body: unknown, method = "PUT", client = "198.51.100.7") {
  const res = await handler(
    new Request(`http://localhost:3000/public/api/v1/csat_survey/${uuid}`, {
      method,
      headers: { "content-type": "application/json", "x-forwarded-for": client },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ uuid }) },
  );
  return { status: res.status, body: await res.json() };
}
const answer = (rating: unknown, feedback_message?: string) => ({ message: { submitted_values: { csat_survey_response: { rating, feedback_message } } } });

async function seed() {
  const account = await f.createAccount(db());
  const admin = await f.createAgent(db(), account.id, { role: "administrator", name: "Alice Admin" });
  const { inbox, channel } = await createEmailInboxRow(db(), account.id);
  // Chatwoot's inbox update: surveys on, shown as stars, the inbox's own message.
  const patched = await call(inboxRoute.PATCH, {
    token: admin.apiAccessToken,
    params: { account_id: account.id, id: inbox.id },
    body: { csat_survey_enabled: true, csat_config: { display_type: "star", message: "How did Acme do today?", survey_rules: { operator: "contains", values: [] } } },
  });
  expect(patched.status).toBe(200);
  expect(patched.body.csat_config).toEqual({ display_type: "star", message: "How did Acme do today?" });
  const r = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "imap", raw: rawMail({ from: "Ada <ada@customer.test>", to: channel.email, subject: "Where is my order?" }) });
  const [m] = await db().select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, r.messageId!));
  const [c] = await db().select().from(conversations).where(eq(conversations.id, m.conversationId));
  await toggleStatus(db(), userActor(admin.id), account.id, c.displayId, { status: "resolved" });
  // An hour ago: within the 14 days.
  const sentAt = new Date(Date.now() - 3_600_000);
  const sent = await sendCsatSurvey(db(), account.id, c.id, sentAt);
  if (!("sent" in sent)) throw new Error(sent.skipped);
  return { account, admin, inbox, conversation: c, sentAt, ...sent };
}

describe("Chatwoot's public survey API (/public/api/v1/csat_survey/{conversation uuid})", () => {
  it("the inbox's csat_config gives the survey its message, in the thread and the mail", async () => {
    const s = await seed();
    const [survey] = await db().select().from(messages).where(eq(messages.id, s.messageId));
    expect(survey.content).toBe("How did Acme do today?");
    const mail = await csatSurveyMailBody(db(), s.account.id, s.messageId, survey.content);
    expect(mail?.text.split("\n")[0]).toBe("How did Acme do today?");
    expect(mail?.html).toContain("<p>How did Acme do today?</p>");
  });

  it("GET shows the survey; PUT records the answer and changes it; the report counts it", async () => {
    const s = await seed();
    const uuid = s.conversation.uuid;
    const shown = await surveyRoute.GET(new Request(`http://localhost:3000/public/api/v1/csat_survey/${uuid}`), { params: Promise.resolve({ uuid }) });
    expect(shown.status).toBe(200);
    expect(await shown.json()).toEqual({
      id: s.messageId,
      csat_survey_response: null,
      display_type: "star",
      content: "How did Acme do today?",
      inbox_avatar_url: "",
      inbox_name: s.inbox.name,
      locale: "en",
      conversation_id: s.conversation.displayId,
      created_at: s.sentAt.toISOString(),
    });

    const put = await send(surveyRoute.PUT, uuid, answer(4, "Quick answer"));
    expect(put.status).toBe(200);
    expect(put.body.csat_survey_response).toMatchObject({ rating: 4, feedback_message: "Quick answer", conversation_id: s.conversation.displayId, message_id: s.messageId });
    // Chatwoot's page also sends PATCH-style updates; the answer can change within the window.
    const changed = await send(surveyRoute.PATCH, uuid, answer("5"), "PATCH");
    expect(changed.body.csat_survey_response).toMatchObject({ rating: 5, feedback_message: "" });

    const [row] = await db().select().from(csatSurveyResponses).where(eq(csatSurveyResponses.id, s.surveyId));
    expect(row).toMatchObject({ rating: 5, feedbackMessage: null });
    const [message] = await db().select().from(messages).where(and(eq(messages.accountId, s.account.id), eq(messages.id, s.messageId)));
    expect(message.contentAttributes).toMatchObject({ submitted_values: { csat_survey_response: { rating: 5 } } });
    expect(await csatMetrics(db(), userActor(s.admin.id), s.account.id)).toMatchObject({ sent: 1, answered: 1, ratings: { 5: 1 } });
  });

  it("refuses answers after 14 days (Chatwoot's message), bad ratings, unknown surveys, and too many answers", async () => {
    const s = await seed();
    const uuid = s.conversation.uuid;
    expect((await send(surveyRoute.PUT, uuid, answer(9))).status).toBe(422);
    expect((await send(surveyRoute.PUT, "00000000-0000-4000-8000-000000000000", answer(3))).status).toBe(404);
    expect((await send(surveyRoute.PUT, "not-a-uuid", answer(3))).status).toBe(404);
    const other = await f.createWorkspace(db());
    const unsurveyed = await f.createConversation(db(), other.account.id, other.inbox.id);
    const none = await surveyRoute.GET(new Request("http://localhost:3000/x"), { params: Promise.resolve({ uuid: unsurveyed.uuid }) });
    expect(none.status).toBe(404);

    // 20 answers an hour per survey, whatever the client address.
    for (let i = 0; i < 19; i++) expect((await send(surveyRoute.PUT, uuid, answer(3), "PUT", `203.0.113.${i}`)).status).toBe(200);
    const limited = await send(surveyRoute.PUT, uuid, answer(3), "PUT", "203.0.113.99");
    expect(limited.status).toBe(429);

    // The window is counted from sending: move the survey back 15 days.
    await db().update(csatSurveyResponses).set({ sentAt: new Date(Date.now() - 15 * 86_400_000) }).where(eq(csatSurveyResponses.id, s.surveyId));
    const late = await send(surveyRoute.PUT, uuid, answer(2), "PUT", "192.0.2.200");
    expect(late).toEqual({ status: 422, body: expect.objectContaining({ error: "You cannot update the CSAT survey after 14 days" }) });

    const doc = (await call(openapi.GET)).body.paths["/public/api/v1/csat_survey/{uuid}"];
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["get", "put", "patch"]));
  });
});
