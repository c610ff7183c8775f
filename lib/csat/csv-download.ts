import { getDb } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { csatCsv } from "./csv";
import { listCsatResponses, type CsatFilters } from "./report";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });

/** The CSV for a signed-in user (the report page's download): the API's file, the screen's filters. */
export async function csatCsvForUser(userId: number | null, rawAccountId: string, filters: CsatFilters): Promise<Response> {
  if (userId === null) return plain(401, "Sign in to download this report.");
  const accountId = Number(rawAccountId);
  if (!/^\d{1,9}$/.test(rawAccountId) || accountId <= 0) return plain(404, "Not found");
  try {
    const rows = await listCsatResponses(getDb(), userActor(userId), accountId, filters, { page: 1, perPage: null });
    const csv = csatCsv(accountId, rows, { since: filters.since as Date, until: filters.until as Date });
    return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="csat_report.csv"', "X-Content-Type-Options": "nosniff" } });
  } catch (error) {
    if (isAppError(error)) return plain(error.status, error.message);
    throw error;
  }
}
