import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { useTestDatabase } from "../support/db";

const db = useTestDatabase();

describe("test database", () => {
  it("is migrated and isolated per file", async () => {
    const [row] = await db().insert(accounts).values({ name: "Acme" }).returning();
    expect(row.name).toBe("Acme");
    const tables = await db().execute(sql`select count(*)::int as n from information_schema.tables where table_name = 'conversations'`);
    expect(tables[0]).toEqual({ n: 1 });
  });
});
