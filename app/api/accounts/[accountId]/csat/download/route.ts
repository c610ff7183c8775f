import { auth } from "@/auth";
import { csatCsvQueryOf, readCsatQuery } from "@/components/csat/report-query";
import { csatCsvForUser } from "@/lib/csat/csv-download";
import { sessionUserId } from "@/lib/messages/download-route";

/** The CSAT report page's "Download CSV": the same filters as the screen (days in the account's reporting zone), for the signed-in user. */
export async function GET(request: Request, context: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await context.params;
  const raw = Object.fromEntries(new URL(request.url).searchParams);
  return csatCsvForUser(sessionUserId(await auth()), accountId, (timeZone) => csatCsvQueryOf(readCsatQuery(raw, new Date(), timeZone), timeZone));
}
