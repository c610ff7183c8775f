import { createLogger } from "@/lib/logger";
import { forgetNarrowedMembers } from "./narrowed-audience";
import { pusherClient } from "./publish";

const log = createLogger("realtime");

/**
 * Ends the live connections of these users at once, so nothing more reaches a channel they may no
 * longer read: after removal from an inbox or the account, a role change, or signing out. Works
 * the same with Pusher Channels and the embedded server: Pusher's "terminate user connections"
 * (`POST /users/{id}/terminate_connections`), which closes every connection signed in as the user
 * (LiveRefresh signs in with `pusher.signin()`). pusher-js then reconnects and asks
 * /api/pusher/auth again for each channel, which allows only what the user may read now. Call it
 * after commit; never throws (logged): the change itself succeeded.
 */
export async function endRealtimeAccess(userIds: number[]): Promise<void> {
  // Who gets member-channel copies is re-read from now on (a role or an inbox membership changed).
  forgetNarrowedMembers();
  const pusher = pusherClient();
  if (!pusher) return;
  for (const userId of new Set(userIds)) {
    try {
      await pusher.terminateUserConnections(String(userId));
    } catch (error) {
      log.error("could not end a user's live connections", { userId, error: String(error) });
    }
  }
}
