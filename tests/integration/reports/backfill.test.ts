import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reportingEvents } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { getReportMetrics } from "@/lib/reports";
import { useTestDatabase } from "@/tests/support/db";
import { runScript } from "@/tests/support/run-script";
import { EXPECTED, RANGE, seedKnownHistory } from "./known-history";

const db = useTestDatabase();
const cli = (...args: string[]) => runScript("cli.ts", args, { DATABASE_URL: env().DATABASE_URL });

describe("npm run cli -- reports:backfill", () => {
  it("derives the events of existing conversations, gives the known figures, and writes nothing more when run again", async () => {
    const h = await seedKnownHistory(db(), { record: false });
    expect(await db().select().from(reportingEvents).where(eq(reportingEvents.accountId, h.account.id))).toEqual([]);

    const first = await cli("reports:backfill", "--account", String(h.account.id), "--json");
    expect(first.code).toBe(0);
    // 3 created, 5 incoming, 7 outgoing, 3 first responses, 5 replies, 3 resolutions, 1 reopen.
    expect(JSON.parse(first.stdout)).toEqual({ conversations: 3, inserted: 27 });
    const report = await getReportMetrics(db(), userActor(h.admin.id), h.account.id, RANGE);
    expect(report.metrics.avg_first_response_time?.current).toEqual(EXPECTED.avg_first_response_time);
    expect(report.metrics.avg_resolution_time?.current).toEqual(EXPECTED.avg_resolution_time);
    expect(report.metrics.reply_time?.current).toEqual(EXPECTED.reply_time);

    const again = await cli("reports:backfill", "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).inserted).toBe(0);
    expect(await db().$count(reportingEvents, eq(reportingEvents.accountId, h.account.id))).toBe(27);
  });
});
