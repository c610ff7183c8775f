import { z } from "zod";
import { csatSurveyAnswerBody, csatSurveyParams, getCsatSurveyEndpoint, patchCsatSurveyEndpoint, putCsatSurveyEndpoint } from "@/lib/api/endpoints/csat-survey-public";
import { apiRoute } from "@/lib/api/handler";
import { serializePublicCsatSurvey } from "@/lib/api/serializers/csat-survey-public";
import { clientAddress } from "@/lib/auth/client-address";
import type { Db } from "@/db/client";
import { answerCsatSurveyByConversation, getCsatSurveyByConversation } from "@/lib/csat/public-api";

export const GET = apiRoute(getCsatSurveyEndpoint, async ({ db, params }) => serializePublicCsatSurvey(await getCsatSurveyByConversation(db, params.uuid)));

// Chatwoot routes both PUT (what its survey page sends) and PATCH to the update.
async function answer({ db, params, body, request }: { db: Db; params: z.infer<typeof csatSurveyParams>; body: z.infer<typeof csatSurveyAnswerBody>; request: Request }) {
  const given = body.message.submitted_values.csat_survey_response;
  const survey = await answerCsatSurveyByConversation(db, params.uuid, clientAddress(request.headers), { rating: given.rating, feedbackMessage: given.feedback_message });
  return serializePublicCsatSurvey(survey);
}
export const PUT = apiRoute(putCsatSurveyEndpoint, answer);
export const PATCH = apiRoute(patchCsatSurveyEndpoint, answer);
