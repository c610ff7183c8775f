import { createDb } from "@/db/client";
import { hashPassword } from "@/lib/auth/password";
import { seedInbox, type SeedResult, type SeedSizes } from "./seed-inbox";

/**
 * The seeded accounts that bench:inbox and bench:search share: one kept database per size
 * (openKeptBenchDatabase), seeded once by seedInbox and reused while SEED_VERSION matches.
 */
export const SIZES: Record<string, SeedSizes> = {
  "10k": { inboxes: 10, agents: 9, contacts: 5_000, conversations: 10_000, messagesPerConversation: 10 },
  "100k": { inboxes: 10, agents: 9, contacts: 50_000, conversations: 100_000, messagesPerConversation: 10 },
  "1M": { inboxes: 10, agents: 9, contacts: 500_000, conversations: 1_000_000, messagesPerConversation: 10 },
};
// Bump when seed-inbox.ts changes what it writes: a kept database of another version is reseeded.
export const SEED_VERSION = 2;
/** The administrator's password in a seeded database (bench-1@example.test), for signing in. */
export const SEED_PASSWORD = "bench-inbox-password";

export async function loadSeed(
  url: string,
  size: string,
  reseed: boolean,
  fresh: () => Promise<void>,
  log: (line: string) => void = console.log,
): Promise<{ seed: SeedResult; reused: boolean }> {
  const { sql } = createDb(url, { max: 1 });
  try {
    await sql`create table if not exists bench_seed (size text primary key, version int not null, result jsonb not null, seeded_at timestamptz not null default now())`;
    const [kept] = await sql<{ version: number; result: SeedResult }[]>`select version, result from bench_seed where size = ${size}`;
    if (kept && kept.version === SEED_VERSION && !reseed) return { seed: kept.result, reused: true };
  } finally {
    await sql.end({ timeout: 5 });
  }
  await fresh();
  log(`seeding ${size} (version ${SEED_VERSION})…`);
  const seed = await seedInbox(url, SIZES[size]);
  const again = createDb(url, { max: 1 });
  try {
    await again.sql`update users set password_hash = ${await hashPassword(SEED_PASSWORD)} where id = ${seed.adminUserId}`;
    await again.sql`create table if not exists bench_seed (size text primary key, version int not null, result jsonb not null, seeded_at timestamptz not null default now())`;
    await again.sql`insert into bench_seed (size, version, result) values (${size}, ${SEED_VERSION}, ${JSON.stringify(seed)}::jsonb)`;
  } finally {
    await again.sql.end({ timeout: 5 });
  }
  return { seed, reused: false };
}
