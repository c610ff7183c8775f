import { bigint, foreignKey, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { contacts } from "./contacts";
import { conversations } from "./conversations";
import { messages } from "./messages";

/**
 * One satisfaction survey per conversation (Chatwoot's csat_survey_responses, plus the survey
 * before it is answered): the row is claimed when the survey mail is queued, so a second resolve
 * finds it and sends nothing; `rating` stays null until the customer answers (lib/csat).
 * `assigned_agent_id` and `team_id` are the conversation's when it was resolved: the report
 * credits the agent and team who handled it, not whoever holds it later.
 */
export const csatSurveyResponses = pgTable(
  "csat_survey_responses",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: integer().notNull(),
    inboxId: integer().notNull(),
    contactId: integer().notNull(),
    /** The survey message in the thread (content_type input_csat). */
    messageId: bigint({ mode: "number" })
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    assignedAgentId: integer().references(() => users.id, { onDelete: "set null" }),
    teamId: integer(),
    rating: smallint(),
    feedbackMessage: text(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ratedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("csat_survey_responses_conversation_key").on(t.conversationId),
    uniqueIndex("csat_survey_responses_message_key").on(t.messageId),
    // The report and the API read an account's surveys by the time they were sent.
    index("csat_survey_responses_account_sent_idx").on(t.accountId, t.sentAt),
    index("csat_survey_responses_contact_idx").on(t.contactId),
    index("csat_survey_responses_agent_idx").on(t.assignedAgentId),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.contactId], foreignColumns: [contacts.accountId, contacts.id] }).onDelete("cascade"),
  ],
);

export type CsatSurveyResponse = typeof csatSurveyResponses.$inferSelect;
