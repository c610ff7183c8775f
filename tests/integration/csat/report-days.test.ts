import { describe, expect, it } from "vitest";
import { csatCsvQueryOf, csatFiltersOf, readCsatQuery } from "@/components/csat/report-query";
import { csatSurveyResponses } from "@/db/schema";
import { updateAccount } from "@/lib/accounts/account";
import { userActor } from "@/lib/auth/actor";
import { csatCsv } from "@/lib/csat/csv";
import { csatMetrics, listCsatResponses } from "@/lib/csat/report";
import { accountTimeZone } from "@/lib/reports/filter";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();

/** Two surveys either side of New York's midnight: Jan 14 22:00 and Jan 15 01:00 there (03:00 and 06:00 UTC on the 15th). */
async function seed() {
  const w = await f.createWorkspace(db());
  const survey = async (sentAt: string, rating: number) => {
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { status: "resolved" });
    const m = await f.createMessage(db(), c, { messageType: "template", contentType: "input_csat", senderType: null, senderId: null });
    await db().insert(csatSurveyResponses).values({ accountId: w.account.id, conversationId: c.id, inboxId: w.inbox.id, contactId: c.contactId, messageId: m.id, rating, sentAt: new Date(sentAt), ratedAt: new Date(sentAt) });
  };
  await survey("2026-01-15T03:00:00Z", 5);
  await survey("2026-01-15T06:00:00Z", 1);
  return w;
}

describe("the CSAT report's days", () => {
  it("are calendar days in the account's reporting time zone (UTC when none), across midnight", async () => {
    const w = await seed();
    const admin = userActor(w.admin.id);
    const day14 = { since: "2026-01-14", until: "2026-01-14" };

    // No zone: UTC days, Jan 14 has nothing.
    const utc = await accountTimeZone(db(), w.account.id);
    expect(utc).toBe("UTC");
    expect((await csatMetrics(db(), admin, w.account.id, csatFiltersOf(readCsatQuery(day14), utc))).sent).toBe(0);

    await updateAccount(db(), admin, w.account.id, { reportingTimeZone: "America/New_York" });
    const zone = await accountTimeZone(db(), w.account.id);
    const on14 = await csatMetrics(db(), admin, w.account.id, csatFiltersOf(readCsatQuery(day14, new Date(), zone), zone));
    expect(on14).toMatchObject({ sent: 1, answered: 1, ratings: { 5: 1, 1: 0 } });
    const on15 = await csatMetrics(db(), admin, w.account.id, csatFiltersOf(readCsatQuery({ since: "2026-01-15", until: "2026-01-15" }, new Date(), zone), zone));
    expect(on15).toMatchObject({ sent: 1, ratings: { 5: 0, 1: 1 } });

    // The default view ends today in that zone: at 04:00 UTC on the 15th it is still the 14th in New York.
    expect(readCsatQuery({}, new Date("2026-01-15T04:00:00Z"), zone)).toMatchObject({ since: "2025-12-16", until: "2026-01-14" });
    expect(readCsatQuery({}, new Date("2026-01-15T04:00:00Z"))).toMatchObject({ until: "2026-01-15" });

    // The CSV's period line names the days as the page does.
    const query = csatCsvQueryOf(readCsatQuery(day14, new Date(), zone), zone);
    const rows = await listCsatResponses(db(), admin, w.account.id, query.filters, { page: 1, perPage: null });
    const lines = csatCsv(w.account.id, rows, query.period).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1].split(",")[1]).toBe("5");
    expect(lines[2]).toBe("Reporting period 2026-01-14 to 2026-01-14 (America/New_York)");
  });
});
