import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { csatSurveyResponses, inboxes, messages } from "@/db/schema";
import type { Db } from "@/db/client";
import { surveyToken } from "@/lib/csat/token";
import { setEnvVar } from "@/lib/env";
import * as f from "@/tests/factories";
import { describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * The customer's survey page as the inbox's csat_config asks (Chatwoot's `display_type`: five
 * faces by default, or five stars; `message`: the survey's text), as a radio group with labels,
 * and answerable with JavaScript switched off (a plain form post).
 */
const STEP_MS = 20_000;
// The test signs the survey links itself: the same secret as the server's.
const AUTH_SECRET = `csat-display-${randomBytes(16).toString("hex")}`;

async function seedSurvey(db: Db, config: { display_type?: "emoji" | "star"; message?: string }) {
  const w = await f.createWorkspace(db);
  await db.update(inboxes).set({ csatSurveyEnabled: true, csatConfig: config }).where(eq(inboxes.id, w.inbox.id));
  const conversation = await f.createConversation(db, w.account.id, w.inbox.id, { status: "resolved", assigneeId: w.agent.id });
  const [message] = await db
    .insert(messages)
    .values({
      accountId: w.account.id,
      inboxId: w.inbox.id,
      conversationId: conversation.id,
      messageType: "template",
      contentType: "input_csat",
      content: config.message ?? "Please rate the conversation",
      contentAttributes: { auto_reply: true, auto_reply_kind: "csat" },
      status: "sent",
    })
    .returning({ id: messages.id });
  const [survey] = await db
    .insert(csatSurveyResponses)
    .values({ accountId: w.account.id, conversationId: conversation.id, inboxId: w.inbox.id, contactId: conversation.contactId, messageId: message.id, assignedAgentId: w.agent.id })
    .returning({ id: csatSurveyResponses.id });
  const saved = async () => (await db.select().from(csatSurveyResponses).where(eq(csatSurveyResponses.id, survey.id)))[0];
  return { path: `/survey/responses/${surveyToken(survey.id)}`, saved };
}

describeE2E("the survey page follows the inbox's csat_config", () => {
  beforeAll(() => setEnvVar("AUTH_SECRET", AUTH_SECRET));
  afterAll(() => setEnvVar("AUTH_SECRET", ""));
  const app = useAppServer({ env: { AUTH_SECRET } });
  const browser = useBrowser();

  it("stars with the inbox's message; five faces by default", async () => {
    const stars = await seedSurvey(app().db, { display_type: "star", message: "How did Acme do today?" });
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await page.goto(`${app().url}${stars.path}`);
      await page.getByText("How did Acme do today?").waitFor();
      const group = page.getByRole("radiogroup", { name: "Your rating" });
      expect(await group.getByRole("radio").count()).toBe(5);
      expect(await group.getByRole("radio", { name: "1 star – Very unsatisfied" }).count()).toBe(1);
      expect(await group.locator("[data-rating-look]").evaluateAll((els) => els.map((e) => e.getAttribute("data-rating-look")))).toEqual(["star", "star", "star", "star", "star"]);
      // No faces on a star survey.
      expect(await group.getByText("😀").count()).toBe(0);
      await group.getByText("★").nth(3).click();
      expect(await group.getByRole("radio", { name: "4 stars – Satisfied" }).isChecked()).toBe(true);
      // The chosen star and those before it are filled, the fifth is not.
      const filled = await group.locator("[data-rating-look]").evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
      expect(new Set(filled.slice(0, 4)).size).toBe(1);
      expect(filled[4]).not.toBe(filled[0]);
      await page.getByRole("button", { name: "Submit" }).click();
      await page.getByRole("status").getByText("Thank you! Your answer was saved.").waitFor();
      expect((await stars.saved()).rating).toBe(4);

      const faces = await seedSurvey(app().db, {});
      await page.goto(`${app().url}${faces.path}`);
      const faceGroup = page.getByRole("radiogroup", { name: "Your rating" });
      await faceGroup.waitFor();
      expect(await faceGroup.locator("[data-rating-look]").evaluateAll((els) => els.map((e) => e.getAttribute("data-rating-look")))).toEqual(["emoji", "emoji", "emoji", "emoji", "emoji"]);
      expect(await faceGroup.getByRole("radio", { name: "5 – Very satisfied" }).count()).toBe(1);
      expect(await faceGroup.getByText("😍").count()).toBe(1);
      expect(await page.getByText("How did Acme do today?").count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("answers without JavaScript: the form posts, the page says it was saved and keeps the answer", async () => {
    const stars = await seedSurvey(app().db, { display_type: "star" });
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      // The mail's "2" link preselects two stars.
      await page.goto(`${app().url}${stars.path}?rating=2`);
      const group = page.getByRole("radiogroup", { name: "Your rating" });
      expect(await group.getByRole("radio", { name: "2 stars – Unsatisfied" }).isChecked()).toBe(true);
      await group.getByText("★").nth(2).click();
      expect(await group.getByRole("radio", { name: "3 stars – Neutral" }).isChecked()).toBe(true);
      await page.getByLabel("Comment (optional)").fill("Slow, but solved.");
      await page.getByRole("button", { name: "Submit" }).click();
      await page.getByRole("status").getByText("Thank you! Your answer was saved.").waitFor();
      const saved = await stars.saved();
      expect([saved.rating, saved.feedbackMessage]).toEqual([3, "Slow, but solved."]);
      expect(await page.getByRole("radio", { name: "3 stars – Neutral" }).isChecked()).toBe(true);
      expect(await page.getByLabel("Comment (optional)").inputValue()).toBe("Slow, but solved.");
      // A rating is required: the browser asks for one before anything is posted.
      const empty = await seedSurvey(app().db, {});
      await page.goto(`${app().url}${empty.path}`);
      expect(await page.getByRole("radio", { name: "1 – Very unsatisfied" }).evaluate((e) => (e as HTMLInputElement).required)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
