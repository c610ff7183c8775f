import { describe, expect, it } from "vitest";
import * as inboxRoute from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import { userActor } from "@/lib/auth/actor";
import { isInboxOpen, updateAccountBusinessHours, updateInboxBusinessHours } from "@/lib/business-hours/settings";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();
const weekdays = (open: number, close: number) => [[], ...Array.from({ length: 5 }, () => [{ open, close }]), []];

describe("business hours settings", () => {
  it("an inbox takes Chatwoot's working_hours, timezone and out_of_office_message, and shows them back", async () => {
    const w = await f.createWorkspace(db());
    const params = { account_id: w.account.id, id: w.inbox.id };
    const t = w.admin.apiAccessToken;
    const patched = await call(inboxRoute.PATCH, {
      token: t,
      params,
      body: {
        working_hours_enabled: true,
        timezone: "America/New_York",
        out_of_office_message: "We are closed; back at 9.",
        working_hours: [
          { day_of_week: 1, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 30, closed_all_day: false, open_all_day: false },
          { day_of_week: 6, open_all_day: true, closed_all_day: false },
        ],
      },
    });
    expect(patched.status).toBe(200);
    const shown = (await call(inboxRoute.GET, { token: t, params })).body;
    expect(shown).toMatchObject({ working_hours_enabled: true, timezone: "America/New_York", out_of_office_message: "We are closed; back at 9." });
    expect(shown.working_hours[1]).toMatchObject({ day_of_week: 1, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 30, closed_all_day: false });
    expect(shown.working_hours[0]).toMatchObject({ day_of_week: 0, closed_all_day: true });
    expect(shown.working_hours[6]).toMatchObject({ open_all_day: true });
    // Monday 2026-03-09 17:00 New York (EDT) is 21:00 UTC: open until 17:30.
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, new Date("2026-03-09T21:00:00Z"))).toBe(true);
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, new Date("2026-03-09T21:30:00Z"))).toBe(false);

    const bad = await call(inboxRoute.PATCH, { token: t, params, body: { timezone: "Mars/Olympus" } });
    expect(bad.status).toBe(422);
    const agent = await call(inboxRoute.PATCH, { token: w.agent.apiAccessToken, params, body: { working_hours_enabled: false } });
    expect(agent.status).toBe(403);
  });

  it("an inbox without its own schedule follows the account's; with hours off it is always open", async () => {
    const w = await f.createWorkspace(db());
    const admin = userActor(w.admin.id);
    const sunday = new Date("2026-03-08T12:00:00Z");
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, sunday)).toBe(true);
    await updateAccountBusinessHours(db(), admin, w.account.id, { timeZone: "Europe/Berlin", days: weekdays(540, 1020), holidays: ["2026-03-09"] });
    await updateInboxBusinessHours(db(), admin, w.account.id, w.inbox.id, { workingHoursEnabled: true });
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, sunday)).toBe(false);
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, new Date("2026-03-09T10:00:00Z"))).toBe(false); // the holiday
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, new Date("2026-03-10T10:00:00Z"))).toBe(true);
    await updateInboxBusinessHours(db(), admin, w.account.id, w.inbox.id, { workingHoursEnabled: false });
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, sunday)).toBe(true);
    await expect(updateAccountBusinessHours(db(), userActor(w.agent.id), w.account.id, null)).rejects.toThrow();
  });
});
