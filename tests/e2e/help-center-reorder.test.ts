import { and, asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { articles, categories } from "@/db/schema";
import * as hc from "@/tests/factories/help-center";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Drag to reorder in the authoring screens (issue 11 items 2–3): articles of one category, and
 * categories, by mouse and by keyboard alone (Space, arrows, Space), saved through the same reorder
 * function as the API, and the order readers see follows.
 */
const STEP_MS = 20_000;
/** Saving goes through a server action: seconds on a loaded machine (expect.poll waits 1 s by default). */
const SAVED = { timeout: STEP_MS };

describeE2E("help-center reorder", () => {
  const app = useAppServer();
  const browser = useBrowser();

  async function titlesInTable(page: Page) {
    return page.locator("tbody tr[data-article] a").allTextContents();
  }

  /** The list is interactive once React has hydrated it: @dnd-kit then adds its live region. */
  async function hydrated(page: Page) {
    await page.locator('[id^="DndLiveRegion"]').waitFor({ state: "attached" });
  }

  it("reorders a category's articles by keyboard and by mouse, and readers see the new order", async () => {
    const admin = await app().seedAccount();
    const db = app().db;
    const portal = await hc.createPortal(db, admin.accountId, { name: "Reorder Help" });
    const category = await hc.createCategory(db, portal, { name: "Billing", slug: "billing" });
    for (const [i, title] of ["Alpha", "Bravo", "Charlie"].entries()) {
      await hc.createArticle(db, portal, { title, slug: title.toLowerCase(), categoryId: category.id, position: (i + 1) * 10 });
    }
    const savedOrder = async () =>
      (await db.select({ title: articles.title }).from(articles).where(and(eq(articles.portalId, portal.id))).orderBy(asc(articles.position))).map((r) => r.title);

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      const list = `${app().url}/app/accounts/${admin.accountId}/portals/${portal.slug}/articles`;
      // Unfiltered: no handles, and a hint how to reorder.
      await page.goto(list);
      await page.getByText("filter by one category and drag").waitFor();
      expect(await page.getByRole("button", { name: /^Reorder / }).count()).toBe(0);

      await page.goto(`${list}?category=${category.id}`);
      expect(await titlesInTable(page)).toEqual(["Alpha", "Bravo", "Charlie"]);
      await hydrated(page);

      // Keyboard only: Charlie to the top, each step heard by screen readers.
      const charlie = page.getByRole("button", { name: "Reorder Charlie" });
      await charlie.focus();
      await page.keyboard.press("Space");
      await expect.poll(() => charlie.getAttribute("aria-pressed"), SAVED).toBe("true");
      await page.keyboard.press("ArrowUp");
      await page.getByText("Charlie is at position 2 of 3.").waitFor({ state: "attached" });
      await page.keyboard.press("ArrowUp");
      await page.getByText("Charlie is at position 1 of 3.").waitFor({ state: "attached" });
      await page.keyboard.press("Space");
      await expect.poll(() => titlesInTable(page), SAVED).toEqual(["Charlie", "Alpha", "Bravo"]);
      await expect.poll(savedOrder, SAVED).toEqual(["Charlie", "Alpha", "Bravo"]);

      // Mouse: Bravo's handle dragged onto Charlie's row, once the handles are enabled again
      // (they are disabled while the previous order saves and the page refreshes).
      await expect.poll(() => page.getByRole("button", { name: "Reorder Bravo" }).isEnabled(), SAVED).toBe(true);
      const from = await page.getByRole("button", { name: "Reorder Bravo" }).boundingBox();
      const to = await page.locator("tbody tr[data-article]").first().boundingBox();
      if (!from || !to) throw new Error("rows not laid out");
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + from.width / 2, from.y + (to.y + 2 - from.y) * (step / 10));
      await page.mouse.up();
      await expect.poll(savedOrder, SAVED).toEqual(["Bravo", "Charlie", "Alpha"]);

      // Readers see it (the category page lists articles by position).
      const html = await (await fetch(`${app().url}/hc/${portal.slug}/en/categories/billing`)).text();
      const at = (t: string) => html.indexOf(`>${t}</a>`);
      expect(at("Bravo")).toBeGreaterThan(0);
      expect(at("Bravo")).toBeLessThan(at("Charlie"));
      expect(at("Charlie")).toBeLessThan(at("Alpha"));
    } finally {
      await context.close();
    }
  });

  it("reorders categories by keyboard", async () => {
    const admin = await app().seedAccount();
    const db = app().db;
    const portal = await hc.createPortal(db, admin.accountId, { name: "Category Help" });
    for (const [i, name] of ["First", "Second"].entries()) await hc.createCategory(db, portal, { name, slug: name.toLowerCase(), position: (i + 1) * 10 });
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/portals/${portal.slug}/categories`);
      await hydrated(page);
      await page.getByRole("button", { name: "Reorder Second" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByRole("button", { name: "Reorder Second" }).getAttribute("aria-pressed"), SAVED).toBe("true");
      await page.keyboard.press("ArrowUp");
      await page.getByText("Second is at position 1 of 2.").waitFor({ state: "attached" });
      await page.keyboard.press("Enter");
      await expect
        .poll(async () => (await db.select({ name: categories.name }).from(categories).where(eq(categories.portalId, portal.id)).orderBy(asc(categories.position))).map((r) => r.name), SAVED)
        .toEqual(["Second", "First"]);
    } finally {
      await context.close();
    }
  });
});
