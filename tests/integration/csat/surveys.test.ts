import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csatSurveyResponses, emailDeliveries, inboxes, jobRuns, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { answerSurvey, getPublicSurvey } from "@/lib/csat/respond";
import { sendCsatSurvey } from "@/lib/csat/send-survey";
import { surveyToken, verifySurveyToken } from "@/lib/csat/token";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { loadOutboundEmail } from "@/lib/email/send/load-outbound";
import { setEnvVar } from "@/lib/env";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";

const db = useTestDatabase();
beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "csat-surveys-test-key-csat-surveys-test-key");
  setEnvVar("AUTH_SECRET", "csat-surveys-test-auth-secret-csat-surveys");
});
afterAll(() => {
  setEnvVar("ENCRYPTION_KEY", "");
  setEnvVar("AUTH_SECRET", "");
});

async function desk(enabled = true) {
  const account = await f.createAccount(db());
  const admin = await f.createAgent(db(), account.id, { role: "administrator", name: "Alice Admin" });
  const { inbox, channel } = await createEmailInboxRow(db(), account.id);
  await db().update(inboxes).set({ csatSurveyEnabled: enabled }).where(eq(inboxes.id, inbox.id));
  return { account, admin, inbox, channel };
}

async function conversationFrom(d: Awaited<ReturnType<typeof desk>>, from = "Ada <ada@customer.test>", headers: string[] = []) {
  const result = await ingestRawEmail(db(), { accountId: d.account.id, inboxId: d.inbox.id, source: "imap", raw: rawMail({ from, to: d.channel.email, subject: "Printer on fire", headers }) });
  expect(result.status).toBe("imported");
  const [m] = await db().select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, result.messageId!));
  const { conversations } = await import("@/db/schema");
  const [c] = await db().select().from(conversations).where(eq(conversations.id, m.conversationId));
  return c;
}

const resolve = (d: Awaited<ReturnType<typeof desk>>, displayId: number) => toggleStatus(db(), userActor(d.admin.id), d.account.id, displayId, { status: "resolved" });
const surveysOf = (conversationId: number) => db().select().from(csatSurveyResponses).where(eq(csatSurveyResponses.conversationId, conversationId));

describe("satisfaction surveys", () => {
  it("go out once per conversation, threaded and marked automatic, with one link per rating", async () => {
    const d = await desk();
    const c = await conversationFrom(d);
    await resolve(d, c.displayId);
    // The resolve asked the job (after commit).
    await expect.poll(async () => (await db().select({ data: jobRuns.eventData }).from(jobRuns).where(eq(jobRuns.eventName, "csat/survey.requested"))).map((r) => r.data)).toContainEqual({
      accountId: d.account.id,
      conversationId: c.id,
    });
    const sent = await sendCsatSurvey(db(), d.account.id, c.id);
    expect(sent).toMatchObject({ sent: true });
    if (!("sent" in sent)) throw new Error("not sent");

    // The mail: a reply in the thread, automatic, with the rating links and no rating recorded yet.
    const [delivery] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, sent.messageId));
    const mail = await loadOutboundEmail(db(), delivery);
    expect(mail.headers.inReplyTo).toBeTruthy();
    expect(mail.headers.references.length).toBeGreaterThan(0);
    expect(mail.headers.subject).toBe("Re: Printer on fire");
    expect(mail.headers.headers["Auto-Submitted"]).toBe("auto-replied");
    for (const r of [1, 2, 3, 4, 5]) expect(mail.body.text).toContain(`/survey/responses/${surveyToken(sent.surveyId)}?rating=${r}`);
    expect(mail.body.html).toContain(`?rating=5`);
    expect((await surveysOf(c.id))[0].rating).toBeNull();

    // A second run of the job, and a reopen + resolve: still one survey, one mail.
    expect(await sendCsatSurvey(db(), d.account.id, c.id)).toEqual({ skipped: "this conversation already had its survey" });
    await toggleStatus(db(), userActor(d.admin.id), d.account.id, c.displayId, { status: "open" });
    await resolve(d, c.displayId);
    expect(await sendCsatSurvey(db(), d.account.id, c.id)).toEqual({ skipped: "this conversation already had its survey" });
    expect(await surveysOf(c.id)).toHaveLength(1);
    const surveyMessages = await db().select().from(messages).where(and(eq(messages.conversationId, c.id), eq(messages.contentType, "input_csat")));
    expect(surveyMessages).toHaveLength(1);
  });

  it("are not sent where the inbox has them off, or while the conversation is open", async () => {
    const off = await desk(false);
    const c = await conversationFrom(off);
    await resolve(off, c.displayId);
    expect(await sendCsatSurvey(db(), off.account.id, c.id)).toEqual({ skipped: "surveys are off in this inbox" });
    const on = await desk();
    const open = await conversationFrom(on);
    expect(await sendCsatSurvey(db(), on.account.id, open.id)).toEqual({ skipped: "no longer resolved" });
  });

  it("are never sent to automatic senders, robot addresses or addresses that bounced", async () => {
    const d = await desk();
    const auto = await conversationFrom(d, "Ada <ada@customer.test>", ["Auto-Submitted: auto-replied"]);
    await resolve(d, auto.displayId);
    expect(await sendCsatSurvey(db(), d.account.id, auto.id)).toEqual({ skipped: "automatic mail" });

    const robot = await conversationFrom(d, "Alerts <no-reply@vendor.test>");
    await resolve(d, robot.displayId);
    expect(await sendCsatSurvey(db(), d.account.id, robot.id)).toEqual({ skipped: "a robot address" });

    // Our reply to Bo bounced in an earlier conversation: no survey to Bo.
    const earlier = await conversationFrom(d, "Bo <bo@customer.test>");
    const reply = await f.createMessage(db(), earlier, { messageType: "outgoing", status: "failed" });
    await db().insert(emailDeliveries).values({ accountId: d.account.id, inboxId: d.inbox.id, messageId: reply.id, status: "failed", transport: "smtp", internetMessageId: `x-${reply.id}@test`, lastError: "Bounced: 550 no such user" });
    const later = await conversationFrom(d, "Bo <bo@customer.test>");
    await resolve(d, later.displayId);
    expect(await sendCsatSurvey(db(), d.account.id, later.id)).toEqual({ skipped: "mail to this address bounced" });
    expect(await db().select().from(csatSurveyResponses).where(eq(csatSurveyResponses.accountId, d.account.id))).toHaveLength(0);
  });

  it("take a rating and comment for 14 days, changeable until then, and refuse afterwards", async () => {
    const d = await desk();
    const c = await conversationFrom(d);
    await resolve(d, c.displayId);
    const sentAt = new Date("2026-03-01T10:00:00Z");
    const sent = await sendCsatSurvey(db(), d.account.id, c.id, sentAt);
    if (!("sent" in sent)) throw new Error("not sent");
    const token = surveyToken(sent.surveyId);

    // Opening the page records nothing.
    const page = await getPublicSurvey(db(), token, new Date("2026-03-01T11:00:00Z"));
    expect(page).toMatchObject({ subject: "Printer on fire", rating: null, isClosed: false });
    expect((await surveysOf(c.id))[0].rating).toBeNull();

    await answerSurvey(db(), token, "203.0.113.9", { rating: 2, feedbackMessage: "Slow" }, new Date("2026-03-02T10:00:00Z"));
    await answerSurvey(db(), token, "203.0.113.9", { rating: 5, feedbackMessage: "  Fixed after all, thanks!  " }, new Date("2026-03-14T10:00:00Z"));
    const [row] = await surveysOf(c.id);
    expect(row).toMatchObject({ rating: 5, feedbackMessage: "Fixed after all, thanks!" });
    expect(row.ratedAt?.toISOString()).toBe("2026-03-02T10:00:00.000Z");
    // The survey message carries it as Chatwoot's does.
    const [message] = await db().select().from(messages).where(eq(messages.id, sent.messageId));
    expect(message.contentAttributes.submitted_values).toEqual({ csat_survey_response: { rating: 5, feedback_message: "Fixed after all, thanks!" } });

    // Day 15: closed; the page says so and the answer stays.
    await expect(answerSurvey(db(), token, "203.0.113.9", { rating: 1 }, new Date("2026-03-15T10:00:01Z"))).rejects.toMatchObject({ code: "invalid" });
    expect(await getPublicSurvey(db(), token, new Date("2026-03-15T10:00:01Z"))).toMatchObject({ isClosed: true, rating: 5 });
    expect((await surveysOf(c.id))[0].rating).toBe(5);
    await expect(answerSurvey(db(), token, "203.0.113.9", { rating: 9 }, new Date("2026-03-03T10:00:00Z"))).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuse tampered, truncated and borrowed tokens", async () => {
    const d = await desk();
    const a = await conversationFrom(d);
    const b = await conversationFrom(d, "Bo <bo@customer.test>");
    await resolve(d, a.displayId);
    await resolve(d, b.displayId);
    const sa = await sendCsatSurvey(db(), d.account.id, a.id);
    const sb = await sendCsatSurvey(db(), d.account.id, b.id);
    if (!("sent" in sa) || !("sent" in sb)) throw new Error("not sent");
    const good = surveyToken(sa.surveyId);
    expect(verifySurveyToken(good)).toBe(sa.surveyId);
    const [, sig] = good.split(".");
    const flipped = `${sa.surveyId}.${sig.slice(0, -2)}${sig.at(-2) === "A" ? "B" : "A"}${sig.at(-1)}`;
    const forged = [flipped, `${sb.surveyId}.${sig}`, `${sa.surveyId}.${sig.slice(0, 20)}`, `${sa.surveyId}`, "", "0.x", `${sa.surveyId}.${sig}.extra`];
    for (const token of forged) {
      expect(verifySurveyToken(token)).toBeNull();
      await expect(getPublicSurvey(db(), token)).rejects.toMatchObject({ code: "not_found" });
      await expect(answerSurvey(db(), token, "203.0.113.9", { rating: 1 })).rejects.toMatchObject({ code: "not_found" });
    }
    // A token signed with another secret (another installation) is refused too.
    setEnvVar("AUTH_SECRET", "another-installation-secret-another-install");
    const foreign = surveyToken(sb.surveyId);
    setEnvVar("AUTH_SECRET", "csat-surveys-test-auth-secret-csat-surveys");
    expect(verifySurveyToken(foreign)).toBeNull();
    expect((await db().select().from(csatSurveyResponses).where(eq(csatSurveyResponses.accountId, d.account.id))).every((s) => s.rating === null)).toBe(true);
  });

  it("limit answers per client address", async () => {
    const d = await desk();
    const c = await conversationFrom(d);
    await resolve(d, c.displayId);
    const sent = await sendCsatSurvey(db(), d.account.id, c.id);
    if (!("sent" in sent)) throw new Error("not sent");
    const token = surveyToken(sent.surveyId);
    const now = new Date();
    for (let i = 0; i < 20; i++) await answerSurvey(db(), token, "198.51.100.7", { rating: 4 }, now);
    await expect(answerSurvey(db(), token, "198.51.100.7", { rating: 4 }, now)).rejects.toMatchObject({ code: "rate_limited" });
  });
});
