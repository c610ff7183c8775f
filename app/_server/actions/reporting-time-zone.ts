"use server";

import { z } from "zod";
import { updateAccount } from "@/lib/accounts/account";
import { serverAction } from "../action";

/** The account's reporting time zone (null: follow the business hours' zone, else UTC); the domain validates the name. */
export const updateReportingTimeZoneAction = serverAction(
  z.object({ accountId: z.number().int().positive(), reportingTimeZone: z.string().nullable() }),
  async ({ db, actor }, { accountId, reportingTimeZone }) => {
    const account = await updateAccount(db, actor, accountId, { reportingTimeZone });
    return { reportingTimeZone: account.reportingTimeZone };
  },
);
