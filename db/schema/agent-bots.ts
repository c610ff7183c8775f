import { foreignKey, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { inboxes } from "./inboxes";

/**
 * Agent bots (Chatwoot's AgentBot): a receiver of conversation events that answers through the
 * Application API with its own access token. `account_id` is null only for a bot a platform app
 * created without an account: such a bot can be connected to no inbox and its token opens nothing.
 */
export const agentBots = pgTable(
  "agent_bots",
  {
    id: serial().primaryKey(),
    accountId: integer().references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    outgoingUrl: text(),
    avatarUrl: text(),
    // Chatwoot's bot_type enum has one value, webhook (0).
    botType: text().notNull().default("webhook"),
    botConfig: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // sha256 (hex) of the bot's access token: shown once on creation and on reset, never stored.
    accessTokenHash: text().notNull(),
    // The secret events to this bot are signed with (encrypted, lib/crypto/secrets.ts).
    secretEncrypted: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("agent_bots_account_idx").on(t.accountId),
    uniqueIndex("agent_bots_access_token_hash_key").on(t.accessTokenHash),
    unique("agent_bots_account_id_id_key").on(t.accountId, t.id),
  ],
);

/** Which bot answers an inbox: at most one per inbox, and only a bot of the inbox's account. */
export const agentBotInboxes = pgTable(
  "agent_bot_inboxes",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull(),
    inboxId: integer().notNull(),
    agentBotId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("agent_bot_inboxes_inbox_key").on(t.inboxId),
    index("agent_bot_inboxes_bot_idx").on(t.accountId, t.agentBotId),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.agentBotId], foreignColumns: [agentBots.accountId, agentBots.id] }).onDelete("cascade"),
  ],
);

export type AgentBot = typeof agentBots.$inferSelect;
