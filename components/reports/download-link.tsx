import { Download } from "lucide-react";
import { buttonClass } from "@/components/ui/button-class";
import type { ReportScope } from "./conversation-links";
import type { Grouping } from "./report-query";

type Span = { since: Date; until: Date; businessHours: boolean };
const unix = (d: Date) => String(Math.floor(d.getTime() / 1000));

/**
 * Where a screen's CSV comes from (`GET /api/accounts/{id}/reports/download`, lib/reports/download.ts):
 * the screen's own instants, grouping and business-hours switch, so the file holds what the
 * screen shows. `table`: the per-agent / inbox / team / label table; else the scope's metrics.
 */
export function downloadHref(accountId: number, what: ({ table: "agent" | "inbox" | "team" | "label" } | { scope: ReportScope; groupBy: Grouping }) & Span): string {
  const q = new URLSearchParams();
  if ("table" in what) q.set("report", what.table);
  else {
    q.set("report", "metrics");
    q.set("type", what.scope.type);
    if (what.scope.id !== undefined) q.set("id", String(what.scope.id));
    q.set("group_by", what.groupBy);
  }
  q.set("since", unix(what.since));
  q.set("until", unix(what.until));
  if (what.businessHours) q.set("business_hours", "true");
  return `/api/accounts/${accountId}/reports/download?${q.toString()}`;
}

export function DownloadLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} download className={buttonClass("secondary", "md")}>
      <Download aria-hidden="true" className="size-4" />
      {children}
    </a>
  );
}
