import { appUrl } from "@/lib/env";
import type { SlaReportRow } from "./report";

/** The columns of Chatwoot's breached-conversations CSV, in its order. */
export const SLA_CSV_HEADERS = ["Conversation ID", "SLA Policy Breached", "Assignee", "Team", "Inbox", "Labels", "Conversation Link", "Breached Events"];

const cell = (v: string | number | null | undefined) => {
  if (v === null || v === undefined || v === "") return "";
  const s = String(v);
  // A leading = + - @ is neutralised so spreadsheets do not run a label or a name as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The missed SLAs as Chatwoot's `/applied_slas/download` gives them, with a UTF-8 BOM so spreadsheets read accents. */
export function slaCsv(accountId: number, rows: SlaReportRow[]): string {
  const lines = [SLA_CSV_HEADERS.map(cell).join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.conversation.displayId,
        r.policy.name,
        r.assignee ? r.assignee.displayName || r.assignee.name : null,
        r.conversation.teamName,
        r.conversation.inboxName,
        r.conversation.labels.join(", "),
        `${appUrl()}/app/accounts/${accountId}/conversations/${r.conversation.displayId}`,
        [...new Set(r.events.map((e) => e.eventType))].join(", "),
      ]
        .map(cell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\n")}\n`;
}
