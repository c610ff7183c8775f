"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { markReadAction } from "@/app/_server/actions/conversations";
import { useLive } from "@/components/realtime/live-refresh";

/**
 * Marks the open conversation read once it is shown, and again whenever it shows something
 * unread (a message that arrived while it is open: the header's live copy of the conversation
 * says so, conversation-header.tsx). Only when something is unread: the read is itself a live
 * event that every screen showing the conversation patches (this one included), so an
 * unconditional read would make open screens mark each other read forever.
 *
 * The action does not re-render the screen in its answer: server actions run one at a time, and
 * the agent's next click (assigning, replying) must not wait behind a whole screen's render. With
 * live events the read's own event patches this screen (row, counts); without them, or before its
 * channels are joined, we ask for a refresh.
 */
export function MarkReadOnView({ accountId, displayId, unreadKey }: { accountId: number; displayId: number; unreadKey: string | null }) {
  const live = useLive();
  const router = useRouter();
  // Read when the answer comes: neither the connection coming up nor a new router (it changes
  // across navigations) is a reason to mark again.
  const after = useRef({ hasLive: false, router });
  after.current = { hasLive: Boolean(live?.pusher), router };
  useEffect(() => {
    if (unreadKey === null) return;
    // The read's event reaches this screen only if every channel was joined before the read was
    // published: just after a page load the subscriptions may still be on their way (and would
    // miss it), so then we ask for the refresh ourselves.
    const isListening = after.current.hasLive && document.documentElement.dataset.liveChannels === "subscribed";
    markReadAction({ accountId, displayId })
      .then((result) => {
        if (result.ok && !isListening) after.current.router.refresh();
      })
      // Not shown: the conversation stays unread and is marked the next time it is shown.
      .catch(() => {});
  }, [accountId, displayId, unreadKey]);
  return null;
}

/**
 * Opening an unread conversation from the list: the read is asked for with the click, ahead of the
 * navigation, so the conversation renders read and everyone's counts move as soon as possible
 * (MarkReadOnView then finds nothing unread). Not shown on failure: the view marks it again.
 */
export function markReadOnOpen(accountId: number, displayId: number): void {
  markReadAction({ accountId, displayId }).catch(() => {});
}
