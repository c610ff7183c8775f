import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountMail, accountUsers, jobRuns, passwordResets, users } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { RESET_UNUSABLE_MESSAGE, RESETS_PER_HOUR, previewPasswordReset, requestPasswordReset, resetPasswordWithToken } from "@/lib/auth/password-reset";
import { FACTORY_PASSWORD } from "../../factories";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { useJobRunner } from "../../support/job-runner";
import { linkTokenFor } from "../accounts/mail-link";

const db = useTestDatabase();
useJobRunner(db);

const RESET = "/reset-password";
const signIn = (email: string, password: string) => authenticateWithPassword(db(), { email, password, client: "reset-test" });
const mailTo = async (to: string) => db().select().from(accountMail).where(eq(accountMail.recipient, to));
// Every password-reset job has finished (so "no mail" means the job decided not to send one).
async function settle() {
  for (let i = 0; i < 200; i++) {
    const open = await db()
      .select({ id: jobRuns.id })
      .from(jobRuns)
      .where(sql`${jobRuns.functionId} like '%send-password-reset' and ${jobRuns.status} in ('queued', 'running')`);
    if (open.length === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("password reset jobs did not finish");
}

describe("forgot password", () => {
  it("answers an unknown address exactly like a known one, and mails only the known one", async () => {
    const { agent } = await f.createWorkspace(db());
    // Both return nothing the page could tell apart (it always shows RESET_REQUESTED_MESSAGE), and neither throws.
    expect(await requestPasswordReset(db(), { email: agent.email.toUpperCase() })).toBeUndefined();
    expect(await requestPasswordReset(db(), { email: "nobody-at-all@example.test" })).toBeUndefined();
    expect(await requestPasswordReset(db(), { email: "not an email" })).toBeUndefined();
    await linkTokenFor(db(), agent.email, { path: RESET });
    await settle();
    expect(await mailTo("nobody-at-all@example.test")).toEqual([]);
  });

  it("sets a new password from the single-use link and ends every old session", async () => {
    const { agent } = await f.createWorkspace(db());
    const [before] = await db().select().from(users).where(eq(users.id, agent.id));
    await requestPasswordReset(db(), { email: agent.email });
    const { token, text } = await linkTokenFor(db(), agent.email, { path: RESET });
    expect(text).toContain("one hour");
    expect(await previewPasswordReset(db(), token)).toEqual({ email: agent.email });
    const [stored] = await db().select().from(passwordResets).where(eq(passwordResets.userId, agent.id));
    expect(stored.tokenHash).not.toBe(token);

    await resetPasswordWithToken(db(), token, { password: "a brand new password" });
    expect((await signIn(agent.email, "a brand new password")).ok).toBe(true);
    expect((await signIn(agent.email, FACTORY_PASSWORD)).ok).toBe(false);
    const [after] = await db().select().from(users).where(eq(users.id, agent.id));
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    await expect(resetPasswordWithToken(db(), token, { password: "attacker password" })).rejects.toMatchObject({ message: RESET_UNUSABLE_MESSAGE });
    expect((await signIn(agent.email, "attacker password")).ok).toBe(false);
  });

  it("stops a link after one hour", async () => {
    const { agent } = await f.createWorkspace(db());
    await requestPasswordReset(db(), { email: agent.email });
    const { token } = await linkTokenFor(db(), agent.email, { path: RESET });
    const [row] = await db().select().from(passwordResets).where(eq(passwordResets.userId, agent.id));
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600_000 + 5_000);
    await db().update(passwordResets).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(passwordResets.id, row.id));
    await expect(resetPasswordWithToken(db(), token, { password: "too late password" })).rejects.toMatchObject({ message: RESET_UNUSABLE_MESSAGE });
    expect((await signIn(agent.email, FACTORY_PASSWORD)).ok).toBe(true);
  });

  it(`sends at most ${RESETS_PER_HOUR} links an hour to one address`, async () => {
    const { agent } = await f.createWorkspace(db());
    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) await requestPasswordReset(db(), { email: agent.email });
    await settle();
    expect((await mailTo(agent.email)).length).toBe(RESETS_PER_HOUR);
  });

  it("never puts a link that opens several accounts in one account's local outbox", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    await db().insert(accountUsers).values({ accountId: b.account.id, userId: a.agent.id, role: "agent" });
    await requestPasswordReset(db(), { email: a.agent.email });
    await settle();
    expect(await mailTo(a.agent.email)).toEqual([]);
  });
});
