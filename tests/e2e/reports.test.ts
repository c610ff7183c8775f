import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { formatDuration } from "@/components/reports/format";
import * as f from "@/tests/factories";
import { seedKnownHistory } from "../integration/reports/known-history";
import { authenticate, describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";

/**
 * Issue 14's "done when", on the screen: a known week of support (business hours Mon–Fri 9–17
 * UTC, a weekend, a reopen, a bot reply and an automatic reply; tests/integration/reports/
 * known-history.ts, whose numbers the domain and API tests assert too) shows its exact counts,
 * averages, medians and p90 on the overview, all hours and business hours only, and the CSV it
 * downloads holds the same figures; a number leads to the conversations behind it; the agents' table sorts; the live view follows a new conversation.
 */
const STEP_MS = 20_000;
const WEEK = "range=custom&since=2026-03-02&until=2026-03-09&group_by=day";

const card = (page: Page, metric: string) => page.locator(`[data-metric="${metric}"]`);
const figure = (card: Locator, name: "value" | "median" | "p90") => card.locator(`[data-figure="${name}"]`);

async function expectFigures(page: Page, metric: string, value: string, median?: string, p90?: string) {
  const c = card(page, metric);
  await expect.poll(() => figure(c, "value").textContent(), { timeout: STEP_MS }).toBe(value);
  if (median !== undefined) expect(await figure(c, "median").textContent()).toBe(median);
  if (p90 !== undefined) expect(await figure(c, "p90").textContent()).toBe(p90);
}

describeE2E("reports", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("the overview shows the known week's exact figures, all hours and business hours, and each number leads to its conversations", async () => {
    const h = await seedKnownHistory(app().db);
    const base = `${app().url}/app/accounts/${h.account.id}/reports`;
    const page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await signIn(page, app().url, h.admin.email, f.FACTORY_PASSWORD);
      await page.getByRole("link", { name: "Reports" }).click();
      await page.waitForURL(`${base}/overview`);
      await page.goto(`${base}/overview?${WEEK}`);

      await expectFigures(page, "conversations_count", "3");
      await expectFigures(page, "incoming_messages_count", "5");
      await expectFigures(page, "outgoing_messages_count", "7");
      await expectFigures(page, "resolutions_count", "3");
      // First responses [5 m, 30 m, 66 h]; replies [5 m, 20 m, 30 m, 1 h, 66 h]; resolutions [1 h, 3 h, 67 h].
      await expectFigures(page, "avg_first_response_time", "22 h 11 m 40 s", "30 m", "2 d 4 h 54 m");
      await expectFigures(page, "reply_time", "13 h 35 m", "30 m", "1 d 16 h");
      await expectFigures(page, "avg_resolution_time", "23 h 40 m", "3 h", "2 d 6 h 12 m");

      // Business hours only: the weekend no longer counts (B's first response is 2 h, not 66 h).
      await page.getByLabel("Business hours only").check();
      await page.waitForURL(/business_hours=true/);
      await expectFigures(page, "avg_first_response_time", "51 m 40 s", "30 m", "1 h 42 m");
      await expectFigures(page, "reply_time", "47 m", "30 m", "1 h 36 m");
      await expectFigures(page, "avg_resolution_time", "2 h 20 m", "3 h", "3 h");

      // The CSV the screen offers holds the same figures, business hours included (exact seconds).
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
      // Read as a stream: the shared browser may run in another process (no local path).
      const chunks: Buffer[] = [];
      for await (const chunk of await file.createReadStream()) chunks.push(Buffer.from(chunk));
      const csv = Buffer.concat(chunks).toString("utf8").split("\n");
      expect(csv[0]).toContain("business hours only");
      const line = (name: string) => csv.find((l) => l.startsWith(`${name},`))?.split(",").slice(1, 5);
      expect(line("First response time avg (s)")).toEqual(["3100", "1800", "6120", "3"]);
      expect(line("Reply time avg (s)")).toEqual(["2820", "1800", "5760", "5"]);
      expect(line("Resolution time avg (s)")).toEqual(["8400", "10800", "10800", "3"]);
      expect(line("Conversations")).toEqual(["3", "", "", "3"]);
      for (const [metric, name] of [["avg_first_response_time", "First response time avg (s)"], ["reply_time", "Reply time avg (s)"], ["avg_resolution_time", "Resolution time avg (s)"]] as const) {
        const [value, median, p90] = (line(name) ?? []).map(Number);
        await expectFigures(page, metric, formatDuration(value), formatDuration(median), formatDuration(p90));
      }

      // The resolutions behind the figure: A twice (a reopen), B once.
      await figure(card(page, "resolutions_count"), "value").click();
      await page.waitForURL(/\/reports\/conversations\?/);
      const rows = page.getByRole("region", { name: "Conversations behind the figure" }).getByRole("row");
      await expect.poll(() => rows.count()).toBe(3);
      const listed = await rows.allInnerTexts();
      expect(listed.slice(1).map((r) => r.split("\t").slice(0, 1).concat(r.split("\t")[4]))).toEqual([
        [`#${h.conversations.b.displayId}`, "1"],
        [`#${h.conversations.a.displayId}`, "2"],
      ]);
      await page.getByRole("link", { name: `#${h.conversations.a.displayId}` }).click();
      await page.waitForURL(new RegExp(`/conversations/${h.conversations.a.displayId}$`));
    } finally {
      await page.context().close();
    }
  });

  it("the agents' table agrees with one agent's cards and sorts by any column from the keyboard", async () => {
    const h = await seedKnownHistory(app().db);
    const base = `${app().url}/app/accounts/${h.account.id}/reports`;
    const page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, h.admin.email, f.FACTORY_PASSWORD);
      await page.goto(`${base}/agent?${WEEK}`);
      const table = page.getByRole("table", { name: /Agents: figures/ });
      const bobRow = table.getByRole("row", { name: /Bob Agent/ });
      // Bob: conversations A and B; first responses 30 m and 66 h.
      expect((await bobRow.getByRole("cell").allInnerTexts()).slice(0, 7)).toEqual(["2", "4", "4", "3", "1 d 9 h 15 m", "1 d 9 h 15 m", "2 d 11 h 27 m"]);

      const heading = table.getByRole("columnheader", { name: "Conversations" });
      expect(await heading.getAttribute("aria-sort")).toBe("none");
      await heading.getByRole("button").focus();
      await page.keyboard.press("Enter");
      expect(await heading.getAttribute("aria-sort")).toBe("descending");
      expect(await table.getByRole("row").nth(1).getByRole("rowheader").innerText()).toBe("Bob Agent");
      await page.keyboard.press("Enter");
      expect(await heading.getAttribute("aria-sort")).toBe("ascending");
      expect(await table.getByRole("row").last().getByRole("rowheader").innerText()).toBe("Bob Agent");

      await bobRow.getByRole("link", { name: "Bob Agent" }).click();
      await page.waitForURL(new RegExp(`id=${h.bob.id}`));
      await expectFigures(page, "conversations_count", "2");
      await expectFigures(page, "avg_first_response_time", "1 d 9 h 15 m", "1 d 9 h 15 m", "2 d 11 h 27 m");

      // A click on the chart's first bucket (Monday: A was created) lists that day's conversations.
      const chart = page.locator('[data-chart="Conversations"] svg.recharts-surface').first();
      await chart.waitFor();
      // As a person does: pointing at the bucket shows its tooltip, then the click.
      await chart.hover({ position: { x: 62, y: 100 } });
      await page.locator('[data-chart="Conversations"] .recharts-tooltip-wrapper').getByText("Mon 2 Mar").waitFor();
      await chart.click({ position: { x: 62, y: 100 } });
      await page.waitForURL(/\/reports\/conversations\?metric=conversations_count&type=agent/);
      const listed = page.getByRole("region", { name: "Conversations behind the figure" });
      await listed.getByRole("link", { name: `#${h.conversations.a.displayId}` }).waitFor();
      expect(await listed.getByRole("row").count()).toBe(2);
    } finally {
      await page.context().close();
    }
  });

  it("the live view follows a new conversation without a reload", async () => {
    const h = await seedKnownHistory(app().db);
    const page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, h.admin.email, f.FACTORY_PASSWORD);
      await page.goto(`${app().url}/app/accounts/${h.account.id}/reports/overview`);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const open = page.locator('[data-live-count="open"]');
      expect(await open.textContent()).toBe("1");
      const contact = await f.createContact(app().db, h.account.id, { name: "Dora New" });
      // Through the API, so the server publishes the event as it would for a customer's message.
      const response = await fetch(`${app().url}/api/v1/accounts/${h.account.id}/conversations`, {
        method: "POST",
        headers: { api_access_token: h.admin.apiAccessToken, "content-type": "application/json" },
        body: JSON.stringify({ inbox_id: h.inbox.id, contact_id: contact.id, message: { content: "Hello?", message_type: "incoming" } }),
      });
      expect(response.status).toBe(200);
      await expect.poll(() => open.textContent(), { timeout: STEP_MS }).toBe("2");
      expect(await page.locator('[data-live-count="unassigned"]').textContent()).toBe("1");
      await open.click();
      await page.waitForURL(/\/conversations\?assignee_type=all&filter=/);
      await page.getByText("Dora New").first().waitFor();
    } finally {
      await page.context().close();
    }
  });
});
