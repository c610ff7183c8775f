import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { getPublicSurvey } from "@/lib/csat/respond";
import { isAppError } from "@/lib/errors";
import { SurveyPage, SurveyUnavailable } from "@/components/csat/survey-page";

export const metadata: Metadata = { title: "How did we do?", robots: { index: false, follow: false } };

/**
 * The customer's satisfaction survey (Chatwoot's /survey/responses/…), outside the signed-in app.
 * Opening it records nothing: the mail's links only preselect a rating (mail scanners open links),
 * and the answer is saved when the customer presses Submit.
 */
export default async function SurveyResponsePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ rating?: string | string[] }> }) {
  const { token } = await params;
  const raw = (await searchParams).rating;
  const chosen = typeof raw === "string" && /^[1-5]$/.test(raw) ? Number(raw) : null;
  try {
    const survey = await getPublicSurvey(getDb(), token);
    return <SurveyPage token={token} survey={survey} chosen={chosen} />;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return <SurveyUnavailable message={error.message} />;
  }
}
