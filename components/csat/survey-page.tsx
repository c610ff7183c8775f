import { AuthCard, AuthError } from "@/components/auth/auth-card";
import { LocalTime } from "@/components/ui/local-time";
import type { PublicSurvey } from "@/lib/csat/respond";
import { SurveyForm } from "./survey-form";

/** The public survey: what the conversation was about and who answered, the inbox's survey text, then the form. */
export function SurveyPage({ token, survey, chosen }: { token: string; survey: PublicSurvey; chosen: number | null }) {
  const about = [survey.subject ? `“${survey.subject}”` : null, survey.agentName ? `answered by ${survey.agentName}` : null].filter(Boolean).join(", ");
  return (
    <AuthCard title="How did we do?" description={about ? `About your conversation ${about}.` : "About your recent conversation with us."}>
      {survey.isClosed ? (
        <div className="space-y-2 text-sm text-slate-700">
          <p>This survey has closed.</p>
          {survey.rating ? (
            <p>
              Your rating: {survey.rating} of 5{survey.displayType === "star" ? " stars" : ""}. Thank you!
            </p>
          ) : null}
        </div>
      ) : (
        <>
          {survey.message ? <p className="mb-4 text-sm whitespace-pre-wrap text-slate-800">{survey.message}</p> : null}
          <SurveyForm token={token} rating={chosen ?? survey.rating} feedbackMessage={survey.feedbackMessage} answered={survey.rating !== null} displayType={survey.displayType} />
          <p className="mt-4 text-xs text-slate-500">
            You can change your answer until <LocalTime date={survey.editableUntil} pattern="MMM d, yyyy" />.
          </p>
        </>
      )}
    </AuthCard>
  );
}

export function SurveyUnavailable({ message }: { message: string }) {
  return (
    <AuthCard title="How did we do?">
      <AuthError>{message}</AuthError>
    </AuthCard>
  );
}
