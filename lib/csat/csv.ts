import { appUrl } from "@/lib/env";
import type { CsatResponseRow } from "./report";

/** Chatwoot's CSAT CSV columns, in its order and words. */
export const CSAT_CSV_HEADERS = ["Agent Name", "Rating", "Feedback Comment", "Contact Name", "Contact Email Address", "Contact Phone Number", "Link to the conversation", "Recorded date"];

const cell = (v: string | number | null | undefined) => {
  if (v === null || v === undefined || v === "") return "";
  const s = String(v);
  // Quote what CSV needs quoted; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The answered surveys as Chatwoot's `download` gives them: a UTF-8 BOM (so spreadsheet programs
 * read accents), one row per answer, then the period line when the request gave one.
 */
export function csatCsv(accountId: number, rows: CsatResponseRow[], period?: { since?: Date; until?: Date; label?: string }): string {
  const lines = [CSAT_CSV_HEADERS.map(cell).join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.agent ? `${r.agent.displayName || r.agent.name} (${r.agent.email})` : null,
        r.rating,
        r.feedbackMessage,
        r.contact.name,
        r.contact.email,
        r.contact.phoneNumber,
        `${appUrl()}/app/accounts/${accountId}/conversations/${r.conversationDisplayId}`,
        r.ratedAt.toISOString(),
      ]
        .map(cell)
        .join(","),
    );
  }
  if (period?.label) lines.push(cell(`Reporting period ${period.label}`));
  else if (period?.since && period.until) lines.push(cell(`Reporting period ${period.since.toISOString().slice(0, 10)} to ${period.until.toISOString().slice(0, 10)}`));
  return `\uFEFF${lines.join("\n")}\n`;
}
