import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { inTransaction, writeAtCommit } from "@/db/transaction";
import { useTestDatabase } from "../../support/db";
import { useWireRecording } from "../../support/wire-recording";

/** db/transaction.ts: writes sent together with the commit, and transactions that nested calls join. */
const db = useTestDatabase();
const record = useWireRecording();

const names = async (...list: string[]) => (await db().select({ name: accounts.name }).from(accounts).where(inArray(accounts.name, list))).map((a) => a.name).sort();

describe("writes deferred to the commit", () => {
  it("go as one statement before the commit, and are dropped with a savepoint that rolls back", async () => {
    const statements = await record(() =>
      inTransaction(db(), async (tx) => {
        await writeAtCommit(tx, tx.insert(accounts).values({ name: "Deferred A" }));
        await writeAtCommit(tx, tx.insert(accounts).values({ name: "Deferred B" }));
        await inTransaction(tx, async (inner) => {
          await writeAtCommit(inner, inner.insert(accounts).values({ name: "Deferred lost" }));
          throw new Error("inner failure");
        }).catch(() => undefined);
      }),
    );
    expect(await names("Deferred A", "Deferred B", "Deferred lost")).toEqual(["Deferred A", "Deferred B"]);
    const texts = statements.map((s) => s.text.trim());
    const inserts = texts.filter((t) => /insert into "accounts"/.test(t));
    // The failed savepoint's write was never sent; the outer two went as one statement, last before the commit.
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toMatch(/^with w0 as \(insert into "accounts".*\), w1 as \(insert into "accounts"/s);
    expect(texts.indexOf(inserts[0])).toBe(texts.indexOf("commit") - 1);
  });

  it("are sent at once outside a transaction, and fail the commit when they fail", async () => {
    await writeAtCommit(db(), db().insert(accounts).values({ name: "Immediate" }));
    expect(await names("Immediate")).toEqual(["Immediate"]);
    await expect(
      inTransaction(db(), async (tx) => {
        await tx.insert(accounts).values({ name: "Not committed" });
        await writeAtCommit(tx, tx.update(accounts).set({ name: null as unknown as string }).where(eq(accounts.name, "Not committed")));
      }),
    ).rejects.toThrow();
    expect(await names("Not committed")).toEqual([]);
  });
});

describe("a transaction that nested calls join", () => {
  it("opens no savepoint for them, and one failure rolls back everything", async () => {
    const statements = await record(() =>
      inTransaction(
        db(),
        async (tx) => {
          await inTransaction(tx, (inner) => inner.insert(accounts).values({ name: "Joined" }));
        },
        undefined,
        { joinNested: true },
      ),
    );
    expect(statements.filter((s) => /savepoint/i.test(s.text))).toEqual([]);
    expect(await names("Joined")).toEqual(["Joined"]);
    await expect(
      inTransaction(
        db(),
        async (tx) => {
          await inTransaction(tx, (inner) => inner.insert(accounts).values({ name: "Joined, then undone" }));
          await inTransaction(tx, async () => {
            throw new Error("second call fails");
          });
        },
        undefined,
        { joinNested: true },
      ),
    ).rejects.toThrow("second call fails");
    expect(await names("Joined, then undone")).toEqual([]);
  });
});
