import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accounts, inboxes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, requireAccountAccess, requireAdministrator } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { chatwootWorkingHour, isWithinBusinessHours, parseSchedule, type Range, type Schedule } from "./schedule";

/** A schedule as a form or the API gives it: our shape, or Chatwoot's working_hours rows. */
export const scheduleInput = z.object({
  timeZone: z.string().min(1).max(100),
  days: z.array(z.array(z.object({ open: z.number().int(), close: z.number().int() }))).optional(),
  workingHours: z.array(chatwootWorkingHour).max(7).optional(),
  holidays: z.array(z.string()).max(366).optional(),
});
export type ScheduleInput = z.input<typeof scheduleInput>;

export const toSchedule = (input: z.output<typeof scheduleInput>): Schedule =>
  parseSchedule({ timeZone: input.timeZone, days: input.days as Range[][] | undefined, workingHours: input.workingHours, holidays: input.holidays });

/** The account's business hours (any member may read them: SLAs and the inbox page show them). */
export async function getAccountBusinessHours(db: DbOrTx, actor: Actor, accountId: number): Promise<Schedule | null> {
  await requireAccountAccess(db, actor, accountId);
  const [row] = await db.select({ businessHours: accounts.businessHours }).from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw notFound("Account");
  return row.businessHours ?? null;
}

/** Sets (or clears, with null) the account's business hours. Administrators. */
export async function updateAccountBusinessHours(db: DbOrTx, actor: Actor, accountId: number, params: ScheduleInput | null): Promise<Schedule | null> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  const schedule = params === null ? null : toSchedule(parseInput(scheduleInput, params));
  await db.update(accounts).set({ businessHours: schedule, updatedAt: new Date() }).where(eq(accounts.id, accountId));
  return schedule;
}

export const inboxBusinessHoursInput = z.object({
  workingHoursEnabled: z.boolean().optional(),
  /** The inbox's own schedule; null = follow the account's. */
  schedule: scheduleInput.nullable().optional(),
  outOfOfficeMessage: z.string().max(10_000).nullable().optional(),
});
export type InboxBusinessHoursInput = z.input<typeof inboxBusinessHoursInput>;

export type InboxBusinessHours = {
  workingHoursEnabled: boolean;
  /** Its own schedule, or null when it follows the account's. */
  schedule: Schedule | null;
  /** What counts: its own, else the account's; null when hours are off or none are set. */
  effective: Schedule | null;
  outOfOfficeMessage: string | null;
};

export async function getInboxBusinessHours(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<InboxBusinessHours> {
  const access = await requireAccountAccess(db, actor, accountId);
  await assertInboxAccess(db, access, inboxId);
  return readInboxBusinessHours(db, accountId, inboxId);
}

/** Changes an inbox's business hours settings (administrators); absent fields stay. */
export async function updateInboxBusinessHours(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  inboxId: number,
  params: InboxBusinessHoursInput,
): Promise<InboxBusinessHours> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  const input = parseInput(inboxBusinessHoursInput, params);
  const schedule = input.schedule === undefined ? undefined : input.schedule === null ? null : toSchedule(input.schedule);
  const [row] = await db
    .update(inboxes)
    .set({
      ...(input.workingHoursEnabled !== undefined ? { workingHoursEnabled: input.workingHoursEnabled } : {}),
      ...(schedule !== undefined ? { businessHours: schedule } : {}),
      ...(input.outOfOfficeMessage !== undefined ? { outOfOfficeMessage: input.outOfOfficeMessage?.trim() || null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)))
    .returning({ id: inboxes.id });
  if (!row) throw notFound("Inbox");
  return readInboxBusinessHours(db, accountId, inboxId);
}

/** For the domain (auto-replies, SLAs, rule conditions): no actor, the caller has checked access. */
export async function readInboxBusinessHours(db: DbOrTx, accountId: number, inboxId: number): Promise<InboxBusinessHours> {
  const [row] = await db
    .select({
      workingHoursEnabled: inboxes.workingHoursEnabled,
      own: inboxes.businessHours,
      account: accounts.businessHours,
      outOfOfficeMessage: inboxes.outOfOfficeMessage,
    })
    .from(inboxes)
    .innerJoin(accounts, eq(accounts.id, inboxes.accountId))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)));
  if (!row) throw notFound("Inbox");
  return {
    workingHoursEnabled: row.workingHoursEnabled,
    schedule: row.own ?? null,
    effective: row.workingHoursEnabled ? (row.own ?? row.account ?? null) : null,
    outOfOfficeMessage: row.outOfOfficeMessage,
  };
}

/** Is the inbox open at this instant? An inbox without business hours is always open. */
export async function isInboxOpen(db: DbOrTx, accountId: number, inboxId: number, at: Date = new Date()): Promise<boolean> {
  const { effective } = await readInboxBusinessHours(db, accountId, inboxId);
  return effective === null || isWithinBusinessHours(effective, at);
}
