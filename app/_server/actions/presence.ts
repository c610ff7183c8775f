"use server";

import { z } from "zod";
import { AVAILABILITIES, setOwnAvailability } from "@/lib/accounts/availability";
import { serverAction } from "../action";

/** The avatar menu's Online / Busy / Offline; the answer's version lets the dot change at once. */
export const setAvailabilityAction = serverAction(
  z.object({ accountId: z.number().int().positive(), availability: z.enum(AVAILABILITIES) }),
  async ({ db, actor }, { accountId, availability }) => setOwnAvailability(db, actor, accountId, { availability }),
);
