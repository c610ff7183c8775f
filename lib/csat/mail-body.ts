import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { csatSurveyResponses } from "@/db/schema";
import type { MailBody } from "@/lib/email/compose/signature";
import { CSAT_EDIT_WINDOW_DAYS, CSAT_RATINGS, RATING_EMOJI, RATING_LABELS } from "./rules";
import { surveyUrl } from "./token";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The survey mail's body: the message's text, then one link per rating. A link only opens the
 * page with that rating chosen; the answer is recorded when the customer presses Submit there,
 * because mail scanners open every link in a message. Null when the message is not a survey.
 */
export async function csatSurveyMailBody(db: DbOrTx, accountId: number, messageId: number, content: string | null): Promise<MailBody | null> {
  const [survey] = await db
    .select({ id: csatSurveyResponses.id })
    .from(csatSurveyResponses)
    .where(and(eq(csatSurveyResponses.accountId, accountId), eq(csatSurveyResponses.messageId, messageId)));
  if (!survey) return null;
  const intro = content?.trim() || "Please rate the conversation";
  const choices = [...CSAT_RATINGS].reverse().map((r) => ({ r, label: `${r} – ${RATING_LABELS[r]}`, url: surveyUrl(survey.id, r) }));
  const note = `You can add a comment on the page, and change your answer for ${CSAT_EDIT_WINDOW_DAYS} days.`;
  const text = [intro, "", "How satisfied are you with our answer?", ...choices.map((c) => `${c.label}: ${c.url}`), "", note].join("\n");
  const links = choices
    .map((c) => `<li style="margin:4px 0"><a href="${escapeHtml(c.url)}">${RATING_EMOJI[c.r]} ${escapeHtml(c.label)}</a></li>`)
    .join("");
  const html = `<!doctype html><html><body><p>${escapeHtml(intro)}</p><p>How satisfied are you with our answer?</p><ul style="list-style:none;padding:0">${links}</ul><p style="color:#64748b">${escapeHtml(note)}</p></body></html>`;
  return { text, html };
}
