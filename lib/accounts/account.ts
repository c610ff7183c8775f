import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accounts, type Account } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { scheduleInput, toSchedule } from "@/lib/business-hours/settings";
import { reportingTimeZoneInput } from "@/lib/reports/time-zone";
import { requireAccountAccess, requireAdministrator } from "./access";

export type AccountDetails = Pick<Account, "id" | "name" | "locale" | "assignOnReply" | "businessHours" | "reportingTimeZone" | "createdAt" | "updatedAt">;

const columns = { id: accounts.id, name: accounts.name, locale: accounts.locale, assignOnReply: accounts.assignOnReply, businessHours: accounts.businessHours, reportingTimeZone: accounts.reportingTimeZone, createdAt: accounts.createdAt, updatedAt: accounts.updatedAt };

export async function getAccount(db: DbOrTx, actor: Actor, accountId: number): Promise<AccountDetails> {
  await requireAccountAccess(db, actor, accountId);
  const [row] = await db.select(columns).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!row) throw notFound("Account");
  return row;
}

export const updateAccountInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255).optional(),
  locale: z.string().trim().min(2).max(10).optional(),
  /** A reply to an unassigned conversation assigns it to the replying agent (lib/conversations/assign-on-reply.ts). */
  assignOnReply: z.boolean().optional(),
  /** The account's business hours (lib/business-hours); null: none, always open. */
  businessHours: scheduleInput.nullable().optional(),
  /** The IANA zone reports count days in (lib/reports accountTimeZone); null: the business hours' zone, else UTC. */
  reportingTimeZone: reportingTimeZoneInput.nullable().optional(),
});
export type UpdateAccountInput = z.input<typeof updateAccountInput>;

export async function updateAccount(db: DbOrTx, actor: Actor, accountId: number, params: UpdateAccountInput): Promise<AccountDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  const { businessHours, ...input } = parseInput(updateAccountInput, params);
  const schedule = businessHours === undefined ? undefined : businessHours === null ? null : toSchedule(businessHours);
  const [row] = await db
    .update(accounts)
    .set({ ...input, ...(schedule !== undefined ? { businessHours: schedule } : {}), updatedAt: new Date() })
    .where(eq(accounts.id, accountId))
    .returning(columns);
  if (!row) throw notFound("Account");
  return row;
}
