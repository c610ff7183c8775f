import { auth } from "@/auth";
import { csatFiltersOf, readCsatQuery } from "@/components/csat/report-query";
import { csatCsvForUser } from "@/lib/csat/csv-download";
import { sessionUserId } from "@/lib/messages/download-route";

/** The CSAT report page's "Download CSV": the same filters as the screen, for the signed-in user. */
export async function GET(request: Request, context: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await context.params;
  const query = readCsatQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csatCsvForUser(sessionUserId(await auth()), accountId, csatFiltersOf(query));
}
