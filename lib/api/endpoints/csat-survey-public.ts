import { z } from "zod";
import { defineEndpoint } from "../endpoint";

/**
 * Chatwoot's public survey API (its survey page and widget): no token, the conversation's uuid
 * names the survey. Bodies as Chatwoot's page sends them: `{message: {submitted_values:
 * {csat_survey_response: {rating, feedback_message}}}}`, JSON or form.
 */
const path = "/public/api/v1/csat_survey/{uuid}";
const tag = "CSAT survey (public)";

export const csatSurveyParams = z.object({ uuid: z.string().min(1).max(64) });

export const csatSurveyAnswerBody = z.object({
  message: z.object({
    submitted_values: z
      .object({
        csat_survey_response: z.object({ rating: z.unknown(), feedback_message: z.string().nullable().optional() }).loose(),
      })
      .loose(),
  }),
});

export const getCsatSurveyEndpoint = defineEndpoint({
  method: "GET",
  path,
  summary: "The conversation's satisfaction survey: its answer (null until answered), display type, message, inbox name, account locale",
  tag,
  auth: false,
  params: csatSurveyParams,
  responds: "{id, csat_survey_response, display_type, content, inbox_avatar_url, inbox_name, locale, conversation_id, created_at}",
});

const answer = (method: "PUT" | "PATCH") =>
  defineEndpoint({
    method,
    path,
    summary: "Answer or change the survey (rating 1–5, feedback_message) within 14 days of sending; 422 after",
    tag,
    auth: false,
    params: csatSurveyParams,
    body: csatSurveyAnswerBody,
    responds: "the survey, as GET",
  });
export const putCsatSurveyEndpoint = answer("PUT");
export const patchCsatSurveyEndpoint = answer("PATCH");
