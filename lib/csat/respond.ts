import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations, csatSurveyResponses, inboxes, messages, users } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { parseInput } from "@/lib/api/validation";
import { enforceRateLimits } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { emitIntegrationMessageUpdated } from "@/lib/integrations/emit";
import { emitMessageUpdatedById } from "@/lib/realtime/emit";
import { csatDisplayType, type CsatDisplayType } from "./config";
import { CSAT_EDIT_WINDOW_MS, FEEDBACK_MAX_LENGTH, SURVEY_RATE_LIMITS } from "./rules";
import { verifySurveyToken } from "./token";

/**
 * The public survey page's two operations (app/survey/responses/[token]): reading a survey shows
 * only the conversation's subject and its agent's name; answering records the rating and comment.
 * The token is the only credential (lib/csat/token.ts), so a bad one is "not found"; answers are
 * counted per client address and per survey (lib/auth/rate-limit.ts).
 */

export type PublicSurvey = {
  subject: string | null;
  agentName: string | null;
  rating: number | null;
  feedbackMessage: string | null;
  /** The inbox's csat_config now: faces or stars, and its survey text (null: none of its own). */
  displayType: CsatDisplayType;
  message: string | null;
  /** Answers are accepted (and can be changed) until then. */
  editableUntil: Date;
  isClosed: boolean;
};

const invalidLink = () => new AppError("not_found", "This survey link is not valid");

async function findSurvey(db: DbOrTx, token: string) {
  const id = verifySurveyToken(token);
  if (id === null) throw invalidLink();
  const [row] = await db
    .select({
      id: csatSurveyResponses.id,
      accountId: csatSurveyResponses.accountId,
      messageId: csatSurveyResponses.messageId,
      rating: csatSurveyResponses.rating,
      feedbackMessage: csatSurveyResponses.feedbackMessage,
      sentAt: csatSurveyResponses.sentAt,
      ratedAt: csatSurveyResponses.ratedAt,
      subject: sql<string | null>`${conversations.additionalAttributes}->>'mail_subject'`,
      agentName: sql<string | null>`coalesce(nullif(${users.displayName}, ''), ${users.name})`,
      config: inboxes.csatConfig,
    })
    .from(csatSurveyResponses)
    .innerJoin(conversations, and(eq(conversations.accountId, csatSurveyResponses.accountId), eq(conversations.id, csatSurveyResponses.conversationId)))
    .innerJoin(inboxes, and(eq(inboxes.accountId, csatSurveyResponses.accountId), eq(inboxes.id, csatSurveyResponses.inboxId)))
    .leftJoin(users, eq(users.id, csatSurveyResponses.assignedAgentId))
    .where(eq(csatSurveyResponses.id, id));
  if (!row) throw invalidLink();
  return row;
}

async function limit(db: DbOrTx, client: string, token: string, now: Date) {
  await enforceRateLimits(
    db,
    [
      { key: `csat:client:${client}`, limit: SURVEY_RATE_LIMITS.perClientPerMinute, windowSeconds: 60 },
      { key: `csat:survey:${token.split(".")[0]}`, limit: SURVEY_RATE_LIMITS.perSurveyPerHour, windowSeconds: 3600 },
    ],
    now,
  );
}

const look = (config: { display_type?: CsatDisplayType; message?: string } | null) => ({ displayType: csatDisplayType(config), message: config?.message?.trim() || null });

/** For the page: reads only (a GET writes nothing; a forged token costs no query). */
export async function getPublicSurvey(db: DbOrTx, token: string, now: Date = new Date()): Promise<PublicSurvey> {
  const survey = await findSurvey(db, token);
  const editableUntil = new Date(survey.sentAt.getTime() + CSAT_EDIT_WINDOW_MS);
  return {
    subject: survey.subject,
    agentName: survey.agentName,
    rating: survey.rating,
    feedbackMessage: survey.feedbackMessage,
    ...look(survey.config),
    editableUntil,
    isClosed: now.getTime() > editableUntil.getTime(),
  };
}

export const surveyAnswerInput = z.object({
  rating: z.coerce.number({ message: "Choose a rating" }).int("Choose a rating").min(1, "Choose a rating").max(5, "Choose a rating"),
  feedbackMessage: z
    .string()
    .max(FEEDBACK_MAX_LENGTH, `Your comment can be at most ${FEEDBACK_MAX_LENGTH} characters`)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null)),
});
export type SurveyAnswerInput = z.input<typeof surveyAnswerInput>;

/**
 * Records (or changes, within CSAT_EDIT_WINDOW_MS of sending) the customer's answer. The survey
 * message carries it as Chatwoot does (`content_attributes.submitted_values.csat_survey_response`),
 * so agents see it on the conversation live (`message.updated`) and webhooks get
 * `message_updated` (Chatwoot has no separate CSAT event).
 */
export async function answerSurvey(db: DbOrTx, token: string, client: string, params: SurveyAnswerInput, now: Date = new Date()): Promise<PublicSurvey> {
  const survey = await findSurvey(db, token);
  await limit(db, client, token, now);
  const input = parseInput(surveyAnswerInput, params);
  const editableUntil = new Date(survey.sentAt.getTime() + CSAT_EDIT_WINDOW_MS);
  if (now.getTime() > editableUntil.getTime()) {
    throw new AppError("invalid", `This survey closed ${CSAT_EDIT_WINDOW_MS / 86_400_000} days after it was sent`);
  }
  await inTransaction(db, async (tx, afterCommit) => {
    await tx
      .update(csatSurveyResponses)
      .set({ rating: input.rating, feedbackMessage: input.feedbackMessage, ratedAt: survey.ratedAt ?? now, updatedAt: now })
      .where(eq(csatSurveyResponses.id, survey.id));
    const submitted = { csat_survey_response: { rating: input.rating, feedback_message: input.feedbackMessage ?? "" } };
    await tx
      .update(messages)
      .set({
        contentAttributes: sql`jsonb_set(${messages.contentAttributes}, '{submitted_values}', ${JSON.stringify(submitted)}::jsonb)`,
        // Later than the version agents' screens hold, even if the clock was injected.
        updatedAt: sql`greatest(now(), ${messages.updatedAt} + interval '1 millisecond')`,
      })
      .where(and(eq(messages.accountId, survey.accountId), eq(messages.id, survey.messageId)));
    emitMessageUpdatedById(afterCommit, { accountId: survey.accountId, messageId: survey.messageId });
    emitIntegrationMessageUpdated(afterCommit, { accountId: survey.accountId, messageId: survey.messageId });
  });
  return { subject: survey.subject, agentName: survey.agentName, rating: input.rating, feedbackMessage: input.feedbackMessage, ...look(survey.config), editableUntil, isClosed: false };
}
