import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { conversations, inboxes, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import * as f from "@/tests/factories";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * An administrator turns automatic assignment on in the inbox's settings: the conversation that was
 * waiting goes to them (online: their tab sends heartbeats). Then they give the inbox business hours.
 */
const STEP_MS = 20_000;

describeE2E("assignment and business hours settings", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("enables auto-assignment with a capacity, and sets the inbox's hours", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, actor, admin.accountId, { name: "Front desk", memberIds: [admin.userId] });
    const waiting = await f.createConversation(app().db, admin.accountId, inbox.id);

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/inboxes/${inbox.id}`);
      const assignment = page.getByRole("form", { name: "Assignment" });
      const toggle = assignment.getByLabel(/Assign conversations automatically/);
      expect(await toggle.isChecked()).toBe(false);
      await toggle.check();
      await assignment.getByLabel("Open conversations per agent").fill("5");
      await assignment.getByRole("button", { name: "Save" }).click();
      await assignment.getByText("Assignment settings saved.").waitFor();
      const [row] = await app().db.select().from(inboxes).where(eq(inboxes.id, inbox.id));
      expect(row).toMatchObject({ enableAutoAssignment: true, autoAssignmentLimit: 5 });
      // The waiting conversation is Alice's now, and says why.
      await expect
        .poll(async () => (await app().db.select({ a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, waiting.id)))[0]?.a, { timeout: STEP_MS })
        .toBe(admin.userId);
      const lines = await app().db.select({ content: messages.content }).from(messages).where(and(eq(messages.conversationId, waiting.id), eq(messages.messageType, "activity")));
      expect(lines.map((l) => l.content)).toContain("Assigned to Alice Admin by auto-assignment");

      // After a reload the form shows what was saved.
      await page.reload();
      expect(await page.getByRole("form", { name: "Assignment" }).getByLabel(/Assign conversations automatically/).isChecked()).toBe(true);
      expect(await page.getByLabel("Open conversations per agent").inputValue()).toBe("5");

      const hours = page.getByRole("form", { name: "Business hours" });
      await hours.getByLabel(/Keep business hours/).check();
      await hours.getByLabel(/This inbox has its own hours/).check();
      await hours.getByLabel("Time zone").fill("Europe/Berlin");
      await hours.getByLabel("Monday").fill("09:00-12:00, 13:00-17:00");
      await hours.getByLabel("Holidays").fill("2026-12-25");
      await hours.getByRole("textbox", { name: "Out-of-office reply" }).fill("We are closed now.");
      await hours.getByRole("button", { name: "Save" }).click();
      await hours.getByText("Business hours saved.").waitFor();
      const [withHours] = await app().db.select().from(inboxes).where(eq(inboxes.id, inbox.id));
      expect(withHours).toMatchObject({ workingHoursEnabled: true, outOfOfficeMessage: "We are closed now." });
      expect(withHours.businessHours).toMatchObject({ timeZone: "Europe/Berlin", holidays: ["2026-12-25"] });
      expect(withHours.businessHours?.days[1]).toEqual([{ open: 540, close: 720 }, { open: 780, close: 1020 }]);

      // A mistake is named, nothing is saved.
      await hours.getByLabel("Tuesday").fill("17:00-09:00");
      await hours.getByRole("button", { name: "Save" }).click();
      await hours.getByText(/Tuesday: 17:00-09:00 must open before it closes/).waitFor();
    } finally {
      await context.close();
    }
  });
});
