import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, accountUsers } from "./accounts";

/** Teams (Chatwoot's Team): groups of agents a conversation can be assigned to, with or without an agent. */
export const teams = pgTable(
  "teams",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    allowAutoAssign: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("teams_account_name_key").on(t.accountId, sql`lower(${t.name})`),
    unique("teams_account_id_id_key").on(t.accountId, t.id),
  ],
);

/**
 * A member of a team. The membership references the account membership, so an agent removed from
 * the account leaves its teams too.
 */
export const teamMembers = pgTable(
  "team_members",
  {
    accountId: integer().notNull(),
    teamId: integer().notNull(),
    userId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.teamId, t.userId] }),
    // "My teams": the teams of one agent.
    index("team_members_user_idx").on(t.accountId, t.userId),
    foreignKey({ columns: [t.accountId, t.teamId], foreignColumns: [teams.accountId, teams.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.userId], foreignColumns: [accountUsers.accountId, accountUsers.userId] }).onDelete("cascade"),
  ],
);

export type Team = typeof teams.$inferSelect;
