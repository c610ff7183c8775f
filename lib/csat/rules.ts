/** The CSAT rules in one place (docs/csat.md). */

/** A survey can be answered, and its answer changed, for this long after it was sent. */
export const CSAT_EDIT_WINDOW_DAYS = 14;
export const CSAT_EDIT_WINDOW_MS = CSAT_EDIT_WINDOW_DAYS * 24 * 60 * 60 * 1000;

/** Ratings are Chatwoot's 1–5; 4 and 5 count as satisfied. */
export const CSAT_RATINGS = [1, 2, 3, 4, 5] as const;
export const isSatisfied = (rating: number) => rating >= 4;

export const RATING_LABELS: Record<number, string> = { 1: "Very unsatisfied", 2: "Unsatisfied", 3: "Neutral", 4: "Satisfied", 5: "Very satisfied" };
export const RATING_EMOJI: Record<number, string> = { 1: "😞", 2: "😑", 3: "😐", 4: "😀", 5: "😍" };

/** The survey message's text (Chatwoot's default wording): the thread shows it, the mail adds the links. */
export const SURVEY_MESSAGE = "Please rate the conversation";

/** The public page's limits per client address and per survey (lib/auth/rate-limit.ts). */
export const SURVEY_RATE_LIMITS = { perClientPerMinute: 30, perSurveyPerHour: 20 };

export const FEEDBACK_MAX_LENGTH = 2000;
