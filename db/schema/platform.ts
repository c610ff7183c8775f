import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * Platform apps (Chatwoot's PlatformApp): installation-level API clients created by the operator
 * CLI. The token is shown once; only its sha256 is stored, like users' API tokens.
 */
export const platformApps = pgTable(
  "platform_apps",
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    accessTokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("platform_apps_access_token_hash_key").on(t.accessTokenHash)],
);

/**
 * What a platform app created and may therefore touch (Chatwoot's platform_app_permissibles):
 * accounts, users and agent bots. Polymorphic by type, so no foreign key to the target; rows of
 * a deleted object are removed by the domain function that deletes it.
 */
export const platformAppPermissibles = pgTable(
  "platform_app_permissibles",
  {
    id: serial().primaryKey(),
    platformAppId: integer()
      .notNull()
      .references(() => platformApps.id, { onDelete: "cascade" }),
    permissibleType: text({ enum: ["Account", "User", "AgentBot"] }).notNull(),
    permissibleId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("platform_app_permissibles_key").on(t.platformAppId, t.permissibleType, t.permissibleId)],
);

/** One-time sign-in links made by the Platform API (`GET /platform/api/v1/users/{id}/login`). */
export const userLoginTokens = pgTable(
  "user_login_tokens",
  {
    id: serial().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("user_login_tokens_hash_key").on(t.tokenHash), index("user_login_tokens_user_idx").on(t.userId)],
);
