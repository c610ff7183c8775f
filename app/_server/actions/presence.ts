"use server";

import { z } from "zod";
import { AVAILABILITIES, setOwnAvailability } from "@/lib/accounts/availability";
import { recordPresenceHeartbeat } from "@/lib/accounts/presence-heartbeat";
import { serverAction } from "../action";

/** The avatar menu's Online / Busy / Offline; the answer's version lets the dot change at once. */
export const setAvailabilityAction = serverAction(
  z.object({ accountId: z.number().int().positive(), availability: z.enum(AVAILABILITIES) }),
  async ({ db, actor }, { accountId, availability }) => setOwnAvailability(db, actor, accountId, { availability }),
);

/** Sent by every open app tab about once a minute: "online" stays online only while someone is here. */
export const presenceHeartbeatAction = serverAction(
  z.object({ accountId: z.number().int().positive() }),
  async ({ db, actor }, { accountId }) => recordPresenceHeartbeat(db, actor, accountId),
  { refresh: false },
);
