import { z } from "zod";
import { getDb } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { positiveId } from "@/lib/realtime/session-json";
import { newRequestScope, runInRequestScope } from "@/lib/request-scope";
import { reportCsv } from "./csv";
import { reportMetricsCsv } from "./metrics-csv";
import { GROUP_BYS, REPORT_TYPES } from "./types";

const log = createLogger("report-download");

const unix = z.coerce.number().int().nonnegative().transform((s) => new Date(s * 1000));

/** What a screen's download link carries (components/reports/download-link.ts): the screen's own instants and switches. */
const downloadQuery = z.discriminatedUnion("report", [
  z.object({ report: z.enum(["agent", "inbox", "team", "label"]), since: unix, until: unix, business_hours: z.literal("true").optional() }),
  z.object({
    report: z.literal("metrics"),
    type: z.enum(REPORT_TYPES).default("account"),
    id: z.coerce.number().int().positive().optional(),
    since: unix,
    until: unix,
    group_by: z.enum(GROUP_BYS).default("day"),
    business_hours: z.literal("true").optional(),
  }),
]);

const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A report as CSV for the signed-in user (Reports → Download CSV): the per-agent / inbox / team /
 * label table (reportCsv, Chatwoot's files) or a report's metrics and timeseries
 * (reportMetricsCsv). Signed out is 401; someone who may not see reports gets the domain's 403,
 * another account 404.
 */
export async function reportDownload(userId: number | null, rawAccountId: string, search: URLSearchParams): Promise<Response> {
  if (userId === null) return text(401, "Sign in to download this report.");
  const accountId = positiveId(rawAccountId);
  if (accountId === null) return text(404, "Not found");
  const parsed = downloadQuery.safeParse(Object.fromEntries(search));
  if (!parsed.success) return text(422, "This link does not name a report.");
  const q = parsed.data;
  const filter = { since: q.since, until: q.until, businessHours: q.business_hours === "true" };
  try {
    const body = await runInRequestScope(newRequestScope(), () =>
      q.report === "metrics"
        ? reportMetricsCsv(getDb(), userActor(userId), accountId, { ...filter, type: q.type, ...(q.id !== undefined ? { id: q.id } : {}), groupBy: q.group_by })
        : reportCsv(getDb(), userActor(userId), accountId, { ...filter, dimension: q.report }),
    );
    const name = `${q.report === "metrics" ? (q.type === "account" ? "overview" : `${q.type}-${q.id}`) : `${q.report}s`}-report-${day(q.since)}-to-${day(new Date(q.until.getTime() - 1))}${filter.businessHours ? "-business-hours" : ""}.csv`;
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    if (isAppError(error)) return text(error.status, error.message);
    log.error("report download failed", { error: error instanceof Error ? error.message : String(error) });
    return text(500, "Something went wrong while preparing the report.");
  }
}
