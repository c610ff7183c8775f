import type { CsatMetrics, CsatResponseRow } from "./report";

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** One answered survey in Chatwoot's JSON (api/v1/models/csat_survey_response). */
export function serializeCsatResponse(accountId: number, r: CsatResponseRow) {
  return {
    id: r.id,
    rating: r.rating,
    feedback_message: r.feedbackMessage,
    account_id: accountId,
    message_id: r.messageId,
    contact: {
      id: r.contact.id,
      name: r.contact.name,
      email: r.contact.email,
      phone_number: r.contact.phoneNumber,
      identifier: r.contact.identifier,
      thumbnail: r.contact.thumbnail ?? "",
      blocked: r.contact.blocked,
      availability_status: "offline" as const,
      additional_attributes: r.contact.additionalAttributes,
      custom_attributes: r.contact.customAttributes,
      last_activity_at: r.contact.lastActivityAt ? unix(r.contact.lastActivityAt) : null,
      created_at: unix(r.contact.createdAt),
    },
    conversation_id: r.conversationDisplayId,
    ...(r.agent
      ? {
          assigned_agent: {
            id: r.agent.id,
            account_id: accountId,
            availability_status: "offline" as const,
            auto_offline: true,
            confirmed: true,
            email: r.agent.email,
            available_name: r.agent.displayName || r.agent.name,
            name: r.agent.name,
            thumbnail: "",
          },
        }
      : {}),
    created_at: unix(r.ratedAt),
  };
}

/** Chatwoot's /metrics: counts only (ratings_count keyed by rating, as Rails' group(:rating).count). */
export function serializeCsatMetrics(m: CsatMetrics) {
  return {
    total_count: m.answered,
    ratings_count: Object.fromEntries(Object.entries(m.ratings).filter(([, n]) => n > 0)),
    total_sent_messages_count: m.sent,
  };
}
