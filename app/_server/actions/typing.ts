"use server";

import { z } from "zod";
import { relayTyping } from "@/lib/conversations/toggle-typing";
import { serverAction } from "../action";

/**
 * Typing the server relays to members whose custom role narrows what they see (and from them):
 * components/realtime/use-typing.ts sends it at most every 3 s while typing, in accounts that have such members.
 */
export const relayTypingAction = serverAction(
  z.object({ accountId: z.number().int().positive(), displayId: z.number().int().positive(), typing: z.boolean(), isPrivate: z.boolean() }),
  async ({ db, actor }, { accountId, displayId, typing, isPrivate }) =>
    relayTyping(db, actor, accountId, displayId, { typingStatus: typing ? "on" : "off", isPrivate }),
  { refresh: false },
);
