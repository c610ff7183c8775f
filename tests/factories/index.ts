import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  accountUsers,
  accounts,
  channelApi,
  contactInboxes,
  contacts,
  conversations,
  inboxMembers,
  inboxes,
  messages,
  users,
  type Conversation,
} from "@/db/schema";
import { generateApiAccessToken, hashToken } from "@/lib/auth/tokens";

/**
 * Factories insert rows directly (no domain rules) so a test can set up any state quickly.
 * Every value that must be unique gets a random suffix; pass overrides for what the test checks.
 */
const uid = () => randomBytes(4).toString("hex");

// A fixed bcrypt hash of "password123" keeps factories fast (hashing costs ~60 ms each).
export const FACTORY_PASSWORD = "password123";
const FACTORY_PASSWORD_HASH = "$2b$10$UrG6mKYGTcBpSGjBJHaE..qm2MSgvk.1YHI2htKTBn4iQMQ.oD/Cy";

export async function createAccount(db: DbOrTx, overrides: Partial<typeof accounts.$inferInsert> = {}) {
  const [row] = await db.insert(accounts).values({ name: `Account ${uid()}`, ...overrides }).returning();
  return row;
}

/** Returns the row plus its API token in clear (`apiAccessToken`): the database keeps only the hash. */
export async function createUser(db: DbOrTx, overrides: Partial<typeof users.$inferInsert> = {}) {
  const suffix = uid();
  const apiAccessToken = generateApiAccessToken();
  const [row] = await db
    .insert(users)
    .values({
      name: `User ${suffix}`,
      email: `user-${suffix}@example.test`,
      passwordHash: FACTORY_PASSWORD_HASH,
      apiAccessTokenHash: hashToken(apiAccessToken),
      // Verified, as every member who accepted an invitation is (override with null for one who is not).
      confirmedAt: new Date(),
      ...overrides,
    })
    .returning();
  return { ...row, apiAccessToken };
}

/** A user who is a member of the account with the given role. */
export async function createAgent(
  db: DbOrTx,
  accountId: number,
  options: { role?: "administrator" | "agent"; name?: string; email?: string } = {},
) {
  const user = await createUser(db, { ...(options.name ? { name: options.name } : {}), ...(options.email ? { email: options.email } : {}) });
  await db.insert(accountUsers).values({ accountId, userId: user.id, role: options.role ?? "agent" });
  return user;
}

export async function createInbox(db: DbOrTx, accountId: number, options: { name?: string; memberIds?: number[] } = {}) {
  const [channel] = await db
    .insert(channelApi)
    .values({ accountId, identifier: `id-${uid()}${uid()}`, hmacToken: `hmac-${uid()}` })
    .returning();
  const [inbox] = await db
    .insert(inboxes)
    .values({ accountId, name: options.name ?? `Inbox ${uid()}`, channelType: "api", channelId: channel.id })
    .returning();
  for (const userId of options.memberIds ?? []) {
    await db.insert(inboxMembers).values({ accountId, inboxId: inbox.id, userId });
  }
  return inbox;
}

export async function addInboxMember(db: DbOrTx, accountId: number, inboxId: number, userId: number) {
  await db.insert(inboxMembers).values({ accountId, inboxId, userId });
}

export async function createContact(db: DbOrTx, accountId: number, overrides: Partial<typeof contacts.$inferInsert> = {}) {
  const suffix = uid();
  const [row] = await db
    .insert(contacts)
    .values({ accountId, name: `Contact ${suffix}`, email: `contact-${suffix}@customer.test`, ...overrides })
    .returning();
  return row;
}

/** A conversation with the next display id of the account, a contact (created if not given) and a contact inbox. */
export async function createConversation(
  db: DbOrTx,
  accountId: number,
  inboxId: number,
  overrides: Partial<typeof conversations.$inferInsert> = {},
): Promise<Conversation> {
  const contactId = overrides.contactId ?? (await createContact(db, accountId)).id;
  const [contactInbox] = await db
    .insert(contactInboxes)
    .values({ accountId, inboxId, contactId, sourceId: `src-${uid()}${uid()}` })
    .returning();
  const [account] = await db
    .update(accounts)
    .set({ lastConversationDisplayId: sql`${accounts.lastConversationDisplayId} + 1` })
    .where(eq(accounts.id, accountId))
    .returning({ displayId: accounts.lastConversationDisplayId });
  const [row] = await db
    .insert(conversations)
    .values({ accountId, inboxId, contactId, contactInboxId: contactInbox.id, displayId: account.displayId, ...overrides })
    .returning();
  return row;
}

export async function createMessage(
  db: DbOrTx,
  conversation: Pick<Conversation, "accountId" | "inboxId" | "id" | "contactId">,
  overrides: Partial<typeof messages.$inferInsert> = {},
) {
  const isIncoming = (overrides.messageType ?? "incoming") === "incoming";
  const [row] = await db
    .insert(messages)
    .values({
      accountId: conversation.accountId,
      inboxId: conversation.inboxId,
      conversationId: conversation.id,
      messageType: "incoming",
      content: `Message ${uid()}`,
      senderType: isIncoming ? "contact" : null,
      senderId: isIncoming ? conversation.contactId : null,
      ...overrides,
    })
    .returning();
  return row;
}

/** A typical tenant: an account with an administrator, an agent, and an inbox the agent belongs to. */
export async function createWorkspace(db: DbOrTx, options: { accountName?: string } = {}) {
  const account = await createAccount(db, options.accountName ? { name: options.accountName } : {});
  const admin = await createAgent(db, account.id, { role: "administrator", name: "Alice Admin" });
  const agent = await createAgent(db, account.id, { role: "agent", name: "Bob Agent" });
  const inbox = await createInbox(db, account.id, { name: "Support", memberIds: [agent.id] });
  return { account, admin, agent, inbox };
}
