import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { inboxes } from "@/db/schema";
import { recordConversationReportingEvents } from "@/lib/reports";
import * as f from "@/tests/factories";
import { seedKnownHistory } from "../integration/reports/known-history";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * The overview's first-response-time distribution: per bucket and channel the bars say what
 * Chatwoot's `reports/first_response_time_distribution` answers for the same range, business hours
 * and the account's reporting time zone; the table under the chart says it in words.
 */
const STEP_MS = 20_000;
const BUCKETS = ["0-1h", "1-4h", "4-8h", "8-24h", "24h+"];
type Distribution = Record<string, Record<string, number>>;

/** What the page shows: the bars' labels and the table's cells, per channel and bucket. */
async function shown(page: Page) {
  const figure = page.getByRole("figure", { name: "First response time distribution" });
  await figure.locator("svg [data-bar]").first().waitFor();
  const bars = await figure.locator("svg [data-bar]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-bar"), e.textContent]));
  const cells = await figure.locator("table [data-cell]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-cell"), e.textContent]));
  const asObject = (pairs: (string | null)[][], keepZeros: boolean) => {
    const out: Distribution = {};
    for (const [key, text] of pairs) {
      const [channel, bucket] = String(key).split("|");
      if (keepZeros || Number(text) !== 0) (out[channel] ??= {})[bucket] = Number(text);
    }
    return out;
  };
  // An empty bucket has no bar to label (whether the chart writes a 0 there does not matter).
  return { bars: asObject(bars, false), table: asObject(cells, true) };
}

/** The API's answer without its empty buckets: what the bars show. */
const nonZero = (d: Distribution): Distribution =>
  Object.fromEntries(Object.entries(d).map(([channel, buckets]) => [channel, Object.fromEntries(Object.entries(buckets).filter(([, n]) => n !== 0))]));

describeE2E("reports: first response time distribution", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("shows the API's counts per bucket and channel, with the page's range, business hours and time zone", async () => {
    const h = await seedKnownHistory(app().db);
    // A mail conversation: first response after 2 h 30 m (Wed 03-04).
    const mail = await f.createInbox(app().db, h.account.id, { name: "Mail" });
    await app().db.update(inboxes).set({ channelType: "email" }).where(eq(inboxes.id, mail.id));
    const d = await f.createConversation(app().db, h.account.id, mail.id, { createdAt: new Date("2026-03-04T08:00:00Z"), assigneeId: h.bob.id });
    await f.createMessage(app().db, d, { createdAt: new Date("2026-03-04T08:00:00Z") });
    await f.createMessage(app().db, d, { messageType: "outgoing", senderType: "user", senderId: h.bob.id, createdAt: new Date("2026-03-04T10:30:00Z") });
    await recordConversationReportingEvents(app().db, h.account.id, [d.id]);

    const api = async (query: Record<string, string>) => {
      const res = await fetch(`${app().url}/api/v2/accounts/${h.account.id}/reports/first_response_time_distribution?${new URLSearchParams(query)}`, {
        headers: { api_access_token: h.admin.apiAccessToken ?? "" },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Distribution;
    };
    const unix = (iso: string) => String(Date.parse(iso) / 1000);
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(context, app().url, h.admin.email, f.FACTORY_PASSWORD);
      const overview = `${app().url}/app/accounts/${h.account.id}/reports/overview`;

      // The known week (UTC): A 30 m, C 5 m, B 66 h in the API inbox; D 2 h 30 m by mail.
      await page.goto(`${overview}?range=custom&since=2026-03-02&until=2026-03-09&group_by=day`);
      const week = await api({ since: unix("2026-03-02T00:00:00Z"), until: unix("2026-03-10T00:00:00Z") });
      expect(week).toEqual({
        "Channel::Api": { "0-1h": 2, "1-4h": 0, "4-8h": 0, "8-24h": 0, "24h+": 1 },
        "Channel::Email": { "0-1h": 0, "1-4h": 1, "4-8h": 0, "8-24h": 0, "24h+": 0 },
      });
      expect(await shown(page)).toEqual({ bars: nonZero(week), table: week });
      const figure = page.getByRole("figure", { name: "First response time distribution" });
      expect(await figure.locator("table [data-total='24h+']").textContent()).toBe("1");

      // Business hours only: B's 66 h is 2 h of business hours.
      await page.getByLabel("Business hours only").check();
      await page.waitForURL(/business_hours=true/);
      const hours = await api({ since: unix("2026-03-02T00:00:00Z"), until: unix("2026-03-10T00:00:00Z"), business_hours: "true" });
      expect(hours["Channel::Api"]["1-4h"]).toBe(1);
      await expect.poll(async () => (await shown(page)).bars, { timeout: STEP_MS }).toEqual(nonZero(hours));
      expect((await shown(page)).table).toEqual(hours);

      // The account's reporting time zone (UTC+14): its Mar 10 is 03-09 10:00 to 03-10 10:00 UTC,
      // which holds B's first response (03-09 10:00 UTC); UTC's Mar 10 holds none.
      const patched = await fetch(`${app().url}/api/v1/accounts/${h.account.id}`, {
        method: "PATCH",
        headers: { api_access_token: h.admin.apiAccessToken ?? "", "content-type": "application/json" },
        body: JSON.stringify({ reporting_timezone: "Pacific/Kiritimati" }),
      });
      expect(patched.status).toBe(200);
      await page.goto(`${overview}?range=custom&since=2026-03-10&until=2026-03-10&group_by=day`);
      const day = await api({ since: unix("2026-03-09T10:00:00Z"), until: unix("2026-03-10T10:00:00Z") });
      expect(day).toEqual({ "Channel::Api": { "0-1h": 0, "1-4h": 0, "4-8h": 0, "8-24h": 0, "24h+": 1 } });
      expect(await shown(page)).toEqual({ bars: nonZero(day), table: day });
      expect(BUCKETS.map((b) => day["Channel::Api"][b])).toEqual([0, 0, 0, 0, 1]);
    } finally {
      await context.close();
    }
  });
});
