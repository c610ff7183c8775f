import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, conversations, csatSurveyResponses, inboxes, messages } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { answerSurvey } from "./respond";
import { CSAT_EDIT_WINDOW_DAYS, CSAT_EDIT_WINDOW_MS } from "./rules";
import { surveyToken } from "./token";

/**
 * Chatwoot's public survey API (`/public/api/v1/csat_survey/{conversation uuid}`), what its survey
 * page and widget call. The conversation's uuid (random, never shown to other customers) is the
 * credential, as in Chatwoot; answering goes through the public page's path (lib/csat/respond.ts):
 * the same limits per client and per survey, the same 14 days, the same events.
 */

export type PublicCsatSurvey = {
  surveyId: number;
  messageId: number;
  conversationDisplayId: number;
  messageCreatedAt: Date;
  sentAt: Date;
  displayType: "emoji" | "star";
  content: string | null;
  inboxName: string;
  locale: string;
  response: {
    id: number;
    accountId: number;
    conversationId: number;
    messageId: number;
    contactId: number;
    assignedAgentId: number | null;
    rating: number;
    feedbackMessage: string | null;
    createdAt: Date;
    updatedAt: Date;
  } | null;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError("not_found", "Resource could not be found");

async function findByConversationUuid(db: DbOrTx, uuid: string): Promise<PublicCsatSurvey> {
  // Not a uuid: no query (PostgreSQL would refuse the cast).
  if (!UUID_RE.test(uuid)) throw notFound();
  const [row] = await db
    .select({
      survey: csatSurveyResponses,
      displayId: conversations.displayId,
      messageCreatedAt: messages.createdAt,
      config: inboxes.csatConfig,
      inboxName: inboxes.name,
      locale: accounts.locale,
    })
    .from(conversations)
    .innerJoin(csatSurveyResponses, and(eq(csatSurveyResponses.accountId, conversations.accountId), eq(csatSurveyResponses.conversationId, conversations.id)))
    .innerJoin(messages, and(eq(messages.accountId, csatSurveyResponses.accountId), eq(messages.id, csatSurveyResponses.messageId)))
    .innerJoin(inboxes, and(eq(inboxes.accountId, conversations.accountId), eq(inboxes.id, conversations.inboxId)))
    .innerJoin(accounts, eq(accounts.id, conversations.accountId))
    .where(eq(conversations.uuid, uuid.toLowerCase()));
  if (!row) throw notFound();
  const s = row.survey;
  return {
    surveyId: s.id,
    messageId: s.messageId,
    conversationDisplayId: row.displayId,
    messageCreatedAt: row.messageCreatedAt,
    sentAt: s.sentAt,
    displayType: row.config?.display_type === "star" ? "star" : "emoji",
    content: row.config?.message ?? null,
    inboxName: row.inboxName,
    locale: row.locale,
    // Chatwoot has a response only once the customer answered.
    response:
      s.rating === null
        ? null
        : {
            id: s.id,
            accountId: s.accountId,
            conversationId: row.displayId,
            messageId: s.messageId,
            contactId: s.contactId,
            assignedAgentId: s.assignedAgentId,
            rating: s.rating,
            feedbackMessage: s.feedbackMessage,
            createdAt: s.ratedAt ?? s.createdAt,
            updatedAt: s.updatedAt,
          },
  };
}

/** The survey of a conversation, for Chatwoot's survey page: reads only. */
export async function getCsatSurveyByConversation(db: DbOrTx, uuid: string): Promise<PublicCsatSurvey> {
  return findByConversationUuid(db, uuid);
}

/** Records or changes the customer's answer, within 14 days of sending (Chatwoot's message after that). */
export async function answerCsatSurveyByConversation(
  db: DbOrTx,
  uuid: string,
  client: string,
  answer: { rating: unknown; feedbackMessage?: string | null },
  now: Date = new Date(),
): Promise<PublicCsatSurvey> {
  const survey = await findByConversationUuid(db, uuid);
  if (now.getTime() > survey.sentAt.getTime() + CSAT_EDIT_WINDOW_MS) {
    throw new AppError("invalid", `You cannot update the CSAT survey after ${CSAT_EDIT_WINDOW_DAYS} days`);
  }
  await answerSurvey(db, surveyToken(survey.surveyId), client, { rating: answer.rating as number, feedbackMessage: answer.feedbackMessage ?? undefined }, now);
  return findByConversationUuid(db, uuid);
}
