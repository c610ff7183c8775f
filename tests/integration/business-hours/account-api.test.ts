import { describe, expect, it } from "vitest";
import * as accountRoute from "@/app/api/v1/accounts/[account_id]/route";
import { userActor } from "@/lib/auth/actor";
import { isInboxOpen, updateInboxBusinessHours } from "@/lib/business-hours/settings";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

describe("the account's business hours over the API", () => {
  it("takes Chatwoot's working_hours rows with timezone, or every range with holidays, and inboxes that keep hours follow them", async () => {
    const w = await f.createWorkspace(db());
    const params = { account_id: w.account.id };
    const t = w.admin.apiAccessToken;
    expect((await call(accountRoute.GET, { token: t, params })).body).toMatchObject({ working_hours: [], timezone: null, business_hours: null });

    // Chatwoot's rows (one range a day), the time zone where Chatwoot keeps the account's.
    const rows = [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0 }));
    const patched = await call(accountRoute.PATCH, { token: t, params, body: { timezone: "Europe/Berlin", working_hours: rows } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ timezone: "Europe/Berlin", custom_attributes: { timezone: "Europe/Berlin" } });
    expect(patched.body.working_hours[1]).toEqual({ day_of_week: 1, closed_all_day: false, open_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0 });
    expect(patched.body.working_hours[0]).toMatchObject({ day_of_week: 0, closed_all_day: true });

    // Several ranges a day and holidays, in our shape.
    const days = [[], [{ open: "09:00", close: "12:00" }, { open: "13:00", close: "17:30" }], [], [], [], [], []];
    const full = await call(accountRoute.PATCH, { token: t, params, body: { business_hours: { timezone: "Europe/Berlin", days, holidays: ["2026-12-28"] } } });
    expect(full.body.business_hours).toEqual({ timezone: "Europe/Berlin", days, holidays: ["2026-12-28"] });
    // An inbox keeping hours without its own follows the account's: Monday 7 December 12:30 Berlin is the lunch break.
    await updateInboxBusinessHours(db(), userActor(w.admin.id), w.account.id, w.inbox.id, { workingHoursEnabled: true });
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, new Date("2026-12-07T11:30:00Z"))).toBe(false);
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, new Date("2026-12-07T12:30:00Z"))).toBe(true);
    expect(await isInboxOpen(db(), w.account.id, w.inbox.id, new Date("2026-12-28T12:30:00Z"))).toBe(false);

    // A wrong time zone is refused; agents cannot change the hours; null clears them.
    expect((await call(accountRoute.PATCH, { token: t, params, body: { timezone: "Mars/Olympus" } })).status).toBe(422);
    expect((await call(accountRoute.PATCH, { token: w.agent.apiAccessToken, params, body: { business_hours: null } })).status).toBe(403);
    expect((await call(accountRoute.PATCH, { token: t, params, body: { business_hours: null } })).body).toMatchObject({ business_hours: null, working_hours: [] });
  });
});
