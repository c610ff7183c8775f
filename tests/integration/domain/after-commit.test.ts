import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

describe("after-commit effects", () => {
  it("run only once the outermost transaction has committed, and see its data", async () => {
    const seen: string[] = [];
    await inTransaction(db(), async (tx, afterCommit) => {
      const [account] = await tx.insert(accounts).values({ name: "Outer" }).returning();
      await inTransaction(tx, async (inner, innerAfterCommit) => {
        await inner.update(accounts).set({ name: "Inner" }).where(eq(accounts.id, account.id));
        innerAfterCommit(async () => {
          // A separate connection: it sees the row only if the commit already happened.
          const [row] = await db().select().from(accounts).where(eq(accounts.id, account.id));
          seen.push(`inner saw ${row?.name ?? "nothing"}`);
        });
      });
      afterCommit(async () => {
        seen.push("outer");
      });
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(["inner saw Inner", "outer"]);
  });

  it("drop the effects of a transaction or savepoint that rolled back", async () => {
    const seen: string[] = [];
    await expect(
      inTransaction(db(), async (_tx, afterCommit) => {
        afterCommit(async () => void seen.push("rolled back"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await inTransaction(db(), async (tx, afterCommit) => {
      await inTransaction(tx, async (_inner, innerAfterCommit) => {
        innerAfterCommit(async () => void seen.push("savepoint"));
        throw new Error("inner failure");
      }).catch(() => undefined);
      afterCommit(async () => void seen.push("kept"));
    });
    expect(seen).toEqual(["kept"]);
  });
});
