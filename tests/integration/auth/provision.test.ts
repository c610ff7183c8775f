import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountUsers, accounts } from "@/db/schema";
import { createAccountWithAdmin, createUserInAccount } from "@/lib/accounts/provision";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { resolveApiAccessToken } from "@/lib/auth/api-token";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();

const signIn = (email: string, password: string) => authenticateWithPassword(db(), { email, password, client: "test" });

async function roleOf(accountId: number, userId: number) {
  const [row] = await db()
    .select({ role: accountUsers.role })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)));
  return row?.role;
}

describe("provisioning accounts and users", () => {
  it("creates an account with an administrator who can sign in with the generated password", async () => {
    const created = await createAccountWithAdmin(db(), { accountName: "My Company", email: "admin@postdesk.local" });
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(created.apiAccessToken?.length).toBeGreaterThanOrEqual(32);
    expect(await roleOf(created.accountId, created.userId)).toBe("administrator");
    const [account] = await db().select().from(accounts).where(eq(accounts.id, created.accountId));
    expect(account.name).toBe("My Company");
    expect((await signIn("admin@postdesk.local", created.password ?? "")).ok).toBe(true);
  });

  it("makes an existing user administrator of a second account without touching their password or token", async () => {
    const first = await createAccountWithAdmin(db(), { accountName: "One", email: "owner@two.test", password: "owner password" });
    const second = await createAccountWithAdmin(db(), { accountName: "Two", email: "OWNER@two.test", password: "ignored password" });
    expect(second.userId).toBe(first.userId);
    expect(second.accountId).not.toBe(first.accountId);
    // Tokens are stored hashed: an existing user's is not shown again, and it keeps working.
    expect(second.apiAccessToken).toBeNull();
    expect((await resolveApiAccessToken(db(), first.apiAccessToken))?.userId).toBe(first.userId);
    expect(second.password).toBeNull();
    expect(await roleOf(second.accountId, first.userId)).toBe("administrator");
    expect((await signIn("owner@two.test", "owner password")).ok).toBe(true);
    expect((await signIn("owner@two.test", "ignored password")).ok).toBe(false);
  });

  it("adds agents to an account and changes the role of an existing member", async () => {
    const { accountId } = await createAccountWithAdmin(db(), { accountName: "Three", email: "boss@three.test" });
    const agent = await createUserInAccount(db(), { accountId, email: "agent@three.test", name: "Agent A", role: "agent", password: "agent password" });
    expect(await roleOf(accountId, agent.userId)).toBe("agent");
    expect((await signIn("agent@three.test", "agent password")).ok).toBe(true);
    const promoted = await createUserInAccount(db(), { accountId, email: "agent@three.test", name: "Agent A", role: "administrator" });
    expect(promoted.userId).toBe(agent.userId);
    expect(await roleOf(accountId, agent.userId)).toBe("administrator");
  });

  it("rejects bad input with clear errors and leaves nothing half-created", async () => {
    const before = await db().select({ id: accounts.id }).from(accounts);
    await expect(createAccountWithAdmin(db(), { accountName: "Bad", email: "not-an-email" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createAccountWithAdmin(db(), { accountName: "Weak", email: "weak@x.test", password: "short" })).rejects.toMatchObject({
      code: "invalid",
    });
    expect(await db().select({ id: accounts.id }).from(accounts)).toHaveLength(before.length);
    await expect(createUserInAccount(db(), { accountId: 999999, email: "a@b.test", name: "A", role: "agent" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
