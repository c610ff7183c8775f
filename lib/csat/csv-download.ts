import { getDb } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { accountTimeZone } from "@/lib/reports/filter";
import { csatCsv } from "./csv";
import { listCsatResponses, type CsatFilters } from "./report";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });

/**
 * The CSV for a signed-in user (the report page's download): the API's file, the screen's filters.
 * `queryOf` turns the page's days into filters in the account's reporting zone.
 */
export async function csatCsvForUser(
  userId: number | null,
  rawAccountId: string,
  queryOf: (timeZone: string) => { filters: CsatFilters; period: { label: string } },
): Promise<Response> {
  if (userId === null) return plain(401, "Sign in to download this report.");
  const accountId = Number(rawAccountId);
  if (!/^\d{1,9}$/.test(rawAccountId) || accountId <= 0) return plain(404, "Not found");
  try {
    const { filters, period } = queryOf(await accountTimeZone(getDb(), accountId));
    const rows = await listCsatResponses(getDb(), userActor(userId), accountId, filters, { page: 1, perPage: null });
    const csv = csatCsv(accountId, rows, period);
    return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="csat_report.csv"', "X-Content-Type-Options": "nosniff" } });
  } catch (error) {
    if (isAppError(error)) return plain(error.status, error.message);
    throw error;
  }
}
