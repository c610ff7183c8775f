import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contactInboxes, inboxes } from "@/db/schema";
import { assertInboxAccess, requireAccountAccess } from "@/lib/accounts/access";
import { narrowsConversations } from "@/lib/accounts/conversation-visibility";
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden } from "@/lib/errors";
import { signChannelAuth, signUserAuth } from "./signatures";
import { parseChannel } from "./channels";
import { pusherServerConfig } from "./config";

const SOCKET_ID = /^\d{1,20}\.\d{1,20}$/;

/**
 * May the actor subscribe to this channel? Account channel: members of the account. Inbox
 * channel: members of that inbox and the account's administrators, not a member whose custom role
 * narrows what they see. Member channel: that member of that account only (what goes there is
 * already filtered per conversation). User channel: that user only.
 * Anything else (unknown names, the system actor) is refused. Throws `forbidden` (403) on refusal,
 * whatever the reason, so channel names do not reveal which accounts or inboxes exist.
 */
export async function authorizeChannel(db: DbOrTx, actor: Actor, channelName: string): Promise<void> {
  const channel = parseChannel(channelName);
  if (!channel || actor.kind !== "user") throw forbidden("You may not subscribe to this channel");
  // A contact's channel is for that contact's own clients, never for agents.
  if (channel.kind === "contact") throw forbidden("You may not subscribe to this channel");
  if (channel.kind === "user") {
    if (channel.userId !== actor.userId) throw forbidden("You may not subscribe to this channel");
    return;
  }
  if (channel.kind === "member" && channel.userId !== actor.userId) throw forbidden("You may not subscribe to this channel");
  try {
    const access = await requireAccountAccess(db, actor, channel.accountId);
    if (channel.kind === "inbox") {
      await assertInboxAccess(db, access, channel.inboxId);
      // The inbox channel carries every conversation of the inbox: not for a custom role that
      // shows only some of them (lib/accounts/conversation-visibility.ts).
      if (narrowsConversations(access)) throw forbidden("You may not subscribe to this channel");
    }
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

const PUBSUB_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** The contact_inboxes row (of an API inbox) whose pubsub token this is, or null. */
async function contactInboxByToken(db: DbOrTx, pubsubToken: string): Promise<{ id: number } | null> {
  if (!PUBSUB_TOKEN.test(pubsubToken)) return null;
  const [row] = await db
    .select({ id: contactInboxes.id })
    .from(contactInboxes)
    .innerJoin(inboxes, and(eq(inboxes.accountId, contactInboxes.accountId), eq(inboxes.id, contactInboxes.inboxId)))
    .where(and(eq(contactInboxes.pubsubToken, pubsubToken), isNotNull(contactInboxes.pubsubToken), eq(inboxes.channelType, "api")))
    .limit(1);
  return row ?? null;
}

/**
 * A Client API contact's subscription: only to `private-contact-{its pubsub token}`, and only when
 * the token is a contact's of an API inbox. The token in the channel name is the credential, so
 * a client subscribes with nothing but what the contact creation gave it.
 */
export async function contactChannelAuthorization(db: DbOrTx, params: { socketId: string; channelName: string }): Promise<{ auth: string }> {
  if (!SOCKET_ID.test(params.socketId)) throw new AppError("invalid", "Invalid socket_id");
  const channel = parseChannel(params.channelName);
  if (channel?.kind !== "contact" || !(await contactInboxByToken(db, channel.pubsubToken))) {
    throw forbidden("You may not subscribe to this channel");
  }
  const config = pusherServerConfig();
  if (!config) throw new AppError("unavailable", "Live refresh is not configured");
  return { auth: signChannelAuth(config, params.socketId, params.channelName).auth };
}

/**
 * A Client API contact's connection sign-in (`pusher.signin()` with `pubsub_token` in its
 * params): the connection's user is `contact-{contact inbox id}`, which no agent's id can be.
 */
export async function contactAuthentication(db: DbOrTx, pubsubToken: string, socketId: string): Promise<{ auth: string; user_data: string }> {
  if (!SOCKET_ID.test(socketId)) throw new AppError("invalid", "Invalid socket_id");
  const row = await contactInboxByToken(db, pubsubToken);
  if (!row) throw forbidden("Unknown pubsub_token");
  const config = pusherServerConfig();
  if (!config) throw new AppError("unavailable", "Live refresh is not configured");
  return signUserAuth(config, socketId, JSON.stringify({ id: `contact-${row.id}` }));
}
