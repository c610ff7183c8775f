"use client";

import { useEffect } from "react";
import { markReadAction } from "@/app/_server/actions/conversations";
import { useAction } from "@/components/use-action";

/**
 * Marks the open conversation read once it is shown, and again whenever a render shows something
 * unread in it (a message that arrived while it is open). Only when something is unread: the read
 * is itself a live event that refreshes every screen showing the conversation, this one included,
 * so an unconditional read would make screens refresh each other forever.
 */
export function MarkReadOnView({ accountId, displayId, unreadKey }: { accountId: number; displayId: number; unreadKey: string | null }) {
  const { run } = useAction(markReadAction);
  useEffect(() => {
    if (unreadKey !== null) run({ accountId, displayId });
  }, [accountId, displayId, unreadKey, run]);
  return null;
}
