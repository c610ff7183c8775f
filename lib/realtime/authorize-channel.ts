import type { DbOrTx } from "@/db/client";
import { assertInboxAccess, requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden } from "@/lib/errors";
import { signChannelAuth, signUserAuth } from "./signatures";
import { parseChannel } from "./channels";
import { pusherServerConfig } from "./config";

const SOCKET_ID = /^\d{1,20}\.\d{1,20}$/;

/**
 * May the actor subscribe to this channel? Account channel: members of the account. Inbox
 * channel: members of that inbox and the account's administrators. User channel: that user only.
 * Anything else (unknown names, the system actor) is refused. Throws `forbidden` (403) on refusal,
 * whatever the reason, so channel names do not reveal which accounts or inboxes exist.
 */
export async function authorizeChannel(db: DbOrTx, actor: Actor, channelName: string): Promise<void> {
  const channel = parseChannel(channelName);
  if (!channel || actor.kind !== "user") throw forbidden("You may not subscribe to this channel");
  if (channel.kind === "user") {
    if (channel.userId !== actor.userId) throw forbidden("You may not subscribe to this channel");
    return;
  }
  try {
    const access = await requireAccountAccess(db, actor, channel.accountId);
    if (channel.kind === "inbox") await assertInboxAccess(db, access, channel.inboxId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw forbidden("You may not subscribe to this channel");
    throw error;
  }
}

/**
 * The answer to pusher-js's channel authorization request: `{ auth }` signed with the app secret
 * once authorizeChannel allowed it. `unavailable` when live refresh is not configured.
 */
export async function channelAuthorization(
  db: DbOrTx,
  actor: Actor,
  params: { socketId: string; channelName: string },
): Promise<{ auth: string }> {
  if (!SOCKET_ID.test(params.socketId)) throw new AppError("invalid", "Invalid socket_id");
  await authorizeChannel(db, actor, params.channelName);
  const config = pusherServerConfig();
  if (!config) throw new AppError("unavailable", "Live refresh is not configured");
  return { auth: signChannelAuth(config, params.socketId, params.channelName).auth };
}

/**
 * The answer to pusher-js's user authentication (`pusher.signin()`): `{ auth, user_data }` naming
 * the actor as the connection's user (`id` is the user id as a string, as Pusher requires).
 */
export function userAuthentication(actor: Actor, socketId: string): { auth: string; user_data: string } {
  if (actor.kind !== "user") throw forbidden("Only a signed-in user can sign in to live refresh");
  if (!SOCKET_ID.test(socketId)) throw new AppError("invalid", "Invalid socket_id");
  const config = pusherServerConfig();
  if (!config) throw new AppError("unavailable", "Live refresh is not configured");
  return signUserAuth(config, socketId, JSON.stringify({ id: String(actor.userId) }));
}
