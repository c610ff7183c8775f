/**
 * Channel names. All are private (pusher-js asks POST /api/pusher/auth before subscribing, and
 * lib/realtime/authorize-channel.ts decides):
 * - `private-account-{accountId}`: account-wide events any member may see (agent presence, ...);
 *   never conversations, since agents see only their inboxes.
 * - `private-account-{accountId}-inbox-{inboxId}`: conversations and messages of one inbox, for its
 *   members and the account's administrators.
 * - `private-account-{accountId}-user-{userId}`: the conversation events one member of the account
 *   may see, for a member whose custom role narrows what they see within their inboxes (they are
 *   refused the inbox channels; lib/realtime/narrowed-audience.ts decides what goes there).
 * - `private-user-{userId}`: personal events of one user (notifications), across accounts.
 * - `private-contact-{pubsubToken}`: a Client API contact's own events (lib/realtime/contact-events.ts);
 *   the token, given to the contact when it was created, is the credential.
 */
export const accountChannel = (accountId: number) => `private-account-${accountId}`;
export const inboxChannel = (accountId: number, inboxId: number) => `private-account-${accountId}-inbox-${inboxId}`;
export const memberChannel = (accountId: number, userId: number) => `private-account-${accountId}-user-${userId}`;
export const userChannel = (userId: number) => `private-user-${userId}`;
export const contactChannel = (pubsubToken: string) => `private-contact-${pubsubToken}`;

export type ParsedChannel =
  | { kind: "account"; accountId: number }
  | { kind: "inbox"; accountId: number; inboxId: number }
  | { kind: "member"; accountId: number; userId: number }
  | { kind: "user"; userId: number }
  | { kind: "contact"; pubsubToken: string };

const ID = "([1-9][0-9]{0,15})";
const ACCOUNT = new RegExp(`^private-account-${ID}$`);
const INBOX = new RegExp(`^private-account-${ID}-inbox-${ID}$`);
const MEMBER = new RegExp(`^private-account-${ID}-user-${ID}$`);
const USER = new RegExp(`^private-user-${ID}$`);
const CONTACT = /^private-contact-([A-Za-z0-9_-]{16,64})$/;

/** The channel's meaning, or null for any name we do not publish to (refused by the auth route). */
export function parseChannel(name: string): ParsedChannel | null {
  const toId = (s: string) => {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : null;
  };
  let m = ACCOUNT.exec(name);
  if (m) {
    const accountId = toId(m[1]);
    return accountId === null ? null : { kind: "account", accountId };
  }
  m = INBOX.exec(name);
  if (m) {
    const accountId = toId(m[1]);
    const inboxId = toId(m[2]);
    return accountId === null || inboxId === null ? null : { kind: "inbox", accountId, inboxId };
  }
  m = MEMBER.exec(name);
  if (m) {
    const accountId = toId(m[1]);
    const userId = toId(m[2]);
    return accountId === null || userId === null ? null : { kind: "member", accountId, userId };
  }
  m = USER.exec(name);
  if (m) {
    const userId = toId(m[1]);
    return userId === null ? null : { kind: "user", userId };
  }
  m = CONTACT.exec(name);
  if (m) return { kind: "contact", pubsubToken: m[1] };
  return null;
}
