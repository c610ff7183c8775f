import type { PublicCsatSurvey } from "@/lib/csat/public-api";

/** Chatwoot's public csat_survey JSON (the survey message, its answer and how to show it). */
export function serializePublicCsatSurvey(s: PublicCsatSurvey) {
  const r = s.response;
  return {
    id: s.messageId,
    csat_survey_response: r
      ? {
          id: r.id,
          account_id: r.accountId,
          conversation_id: r.conversationId,
          message_id: r.messageId,
          contact_id: r.contactId,
          assigned_agent_id: r.assignedAgentId,
          rating: r.rating,
          feedback_message: r.feedbackMessage ?? "",
          created_at: r.createdAt.toISOString(),
          updated_at: r.updatedAt.toISOString(),
        }
      : null,
    display_type: s.displayType,
    content: s.content,
    inbox_avatar_url: "",
    inbox_name: s.inboxName,
    locale: s.locale,
    conversation_id: s.conversationDisplayId,
    created_at: s.messageCreatedAt.toISOString(),
  };
}
