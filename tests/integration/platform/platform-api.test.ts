import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as accountRoute from "@/app/platform/api/v1/accounts/[account_id]/route";
import * as accountUsersRoute from "@/app/platform/api/v1/accounts/[account_id]/account_users/route";
import * as accountsRoute from "@/app/platform/api/v1/accounts/route";
import * as botRoute from "@/app/platform/api/v1/agent_bots/[id]/route";
import * as botsRoute from "@/app/platform/api/v1/agent_bots/route";
import * as loginRoute from "@/app/platform/api/v1/users/[id]/login/route";
import * as userRoute from "@/app/platform/api/v1/users/[id]/route";
import * as usersRoute from "@/app/platform/api/v1/users/route";
import * as appAccountRoute from "@/app/api/v1/accounts/[account_id]/route";
import { accounts, platformApps, users } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import { env, setEnvVar } from "@/lib/env";
import { createPlatformApp } from "@/lib/platform/apps";
import { consumeLoginToken } from "@/lib/platform/login-links";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { runScript } from "../../support/run-script";
import { call } from "../api/call";

const db = useTestDatabase();
// Bots keep their signing secret encrypted.
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "platform-api-test-key"));

async function twoApps() {
  const a = await createPlatformApp(db(), { name: "App A" });
  const b = await createPlatformApp(db(), { name: "App B" });
  return { a: a.accessToken, b: b.accessToken };
}

describe("Platform API", () => {
  it("platform-app:create prints a token once that the Platform API accepts; the database keeps only its hash", async () => {
    const result = await runScript("cli.ts", ["platform-app:create", "--name", "Provisioner", "--json"], { DATABASE_URL: env().DATABASE_URL });
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout.trim());
    expect(printed).toMatchObject({ name: "Provisioner" });
    const [row] = await db().select().from(platformApps).where(eq(platformApps.id, printed.id));
    expect(row.accessTokenHash).toBe(hashToken(printed.access_token));
    expect(JSON.stringify(row)).not.toContain(printed.access_token);

    const created = await call(accountsRoute.POST, { token: printed.access_token, body: { name: "Tenant One" } });
    expect(created.status).toBe(200);
    expect((await call(accountsRoute.POST, { token: "not-a-token", body: { name: "X" } })).status).toBe(401);
    // A user's API token is not a platform token, and a platform token is not a user's.
    const { agent } = await f.createWorkspace(db());
    expect((await call(accountsRoute.POST, { token: agent.apiAccessToken, body: { name: "X" } })).status).toBe(401);
    expect((await call(appAccountRoute.GET, { token: printed.access_token, params: { account_id: created.body.id } })).status).toBe(401);
  });

  it("creates, shows, updates and deletes accounts in Chatwoot's shape; another app's account is 401, a missing one 404", async () => {
    const { a, b } = await twoApps();
    const created = await call(accountsRoute.POST, {
      token: a,
      body: { name: "Acme", locale: "fr", domain: "acme.test", support_email: "help@acme.test", custom_attributes: { plan: "pro" } },
    });
    expect(created.body).toMatchObject({ name: "Acme", locale: "fr", domain: "acme.test", support_email: "help@acme.test", status: "active", custom_attributes: { plan: "pro" } });
    const params = { account_id: created.body.id };
    expect((await call(accountRoute.GET, { token: a, params })).body.name).toBe("Acme");
    const patched = await call(accountRoute.PATCH, { token: a, params, body: { name: "Acme Inc", custom_attributes: { seats: 5 } } });
    expect(patched.body).toMatchObject({ name: "Acme Inc", custom_attributes: { plan: "pro", seats: 5 } });

    // App B sees nothing of app A's account and cannot change or delete it.
    expect(await call(accountRoute.GET, { token: b, params })).toMatchObject({ status: 401, body: { error: "Non permissible resource" } });
    expect((await call(accountRoute.PATCH, { token: b, params, body: { name: "Hijacked" } })).status).toBe(401);
    expect((await call(accountRoute.DELETE, { token: b, params })).status).toBe(401);
    expect((await call(accountUsersRoute.GET, { token: b, params })).status).toBe(401);
    // An account nobody made through the Platform API is not the app's either.
    const { account: native } = await f.createWorkspace(db());
    expect((await call(accountRoute.GET, { token: a, params: { account_id: native.id } })).status).toBe(401);
    expect((await call(accountRoute.GET, { token: a, params: { account_id: 999999 } })).status).toBe(404);

    expect((await call(accountRoute.DELETE, { token: a, params })).status).toBe(200);
    expect(await db().select().from(accounts).where(eq(accounts.id, created.body.id))).toEqual([]);
    expect((await call(accountRoute.GET, { token: a, params })).status).toBe(404);
  });

  it("creates users, adds them to its accounts with a role, removes them; refuses another app's users and an address already taken", async () => {
    const { a, b } = await twoApps();
    const account = (await call(accountsRoute.POST, { token: a, body: { name: "Acme" } })).body;
    const user = await call(usersRoute.POST, { token: a, body: { name: "Dana", email: "dana@acme.test", password: "Password2!", custom_attributes: { crm: 7 } } });
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ name: "Dana", email: "dana@acme.test", custom_attributes: { crm: 7 }, accounts: [] });
    // The API token is shown on creation and works in the Application API once the user is a member.
    expect(user.body.access_token).toEqual(expect.any(String));

    const params = { account_id: account.id };
    const added = await call(accountUsersRoute.POST, { token: a, params, body: { user_id: user.body.id, role: "administrator" } });
    expect(added.body).toEqual({ account_id: account.id, user_id: user.body.id, role: "administrator" });
    expect((await call(accountUsersRoute.GET, { token: a, params })).body).toEqual([{ account_id: account.id, user_id: user.body.id, role: "administrator" }]);
    expect((await call(appAccountRoute.GET, { token: user.body.access_token, params })).body.name).toBe("Acme");
    const shown = await call(userRoute.GET, { token: a, params: { id: user.body.id } });
    expect(shown.body).toMatchObject({ access_token: null, account_id: account.id, role: "administrator", accounts: [{ id: account.id, name: "Acme", role: "administrator" }] });

    const patched = await call(userRoute.PATCH, { token: a, params: { id: user.body.id }, body: { display_name: "D", custom_attributes: { tier: "gold" } } });
    expect(patched.body).toMatchObject({ display_name: "D", available_name: "D", custom_attributes: { crm: 7, tier: "gold" } });

    // App B: not its user, not its account; an address app A's user has is taken.
    expect((await call(userRoute.GET, { token: b, params: { id: user.body.id } })).status).toBe(401);
    expect((await call(loginRoute.GET, { token: b, params: { id: user.body.id } })).status).toBe(401);
    expect((await call(usersRoute.POST, { token: b, body: { name: "Dana", email: "DANA@acme.test" } })).status).toBe(422);
    const bAccount = (await call(accountsRoute.POST, { token: b, body: { name: "B's" } })).body;
    expect((await call(accountUsersRoute.POST, { token: b, params: { account_id: bAccount.id }, body: { user_id: user.body.id, role: "agent" } })).status).toBe(401);
    // Nor may app A put its user into B's account.
    expect((await call(accountUsersRoute.POST, { token: a, params: { account_id: bAccount.id }, body: { user_id: user.body.id, role: "agent" } })).status).toBe(401);

    expect((await call(accountUsersRoute.DELETE, { token: a, params, body: { user_id: user.body.id } })).status).toBe(200);
    expect((await call(accountUsersRoute.GET, { token: a, params })).body).toEqual([]);
    expect((await call(appAccountRoute.GET, { token: user.body.access_token, params })).status).toBe(404);

    expect((await call(userRoute.DELETE, { token: b, params: { id: user.body.id } })).status).toBe(401);
    expect((await call(userRoute.DELETE, { token: a, params: { id: user.body.id } })).status).toBe(200);
    expect(await db().select().from(users).where(eq(users.id, user.body.id))).toEqual([]);
  });

  it("GET /users/{id}/login gives a sign-in link that works once and expires", async () => {
    const { a } = await twoApps();
    const user = (await call(usersRoute.POST, { token: a, body: { name: "Eve", email: "eve@acme.test" } })).body;
    const link = await call(loginRoute.GET, { token: a, params: { id: user.id } });
    expect(link.status).toBe(200);
    const url = new URL(link.body.url);
    expect(url.searchParams.get("email")).toBe("eve@acme.test");
    const token = url.searchParams.get("sso_auth_token")!;
    // A link used with another address signs nobody in, and is spent.
    expect(await consumeLoginToken(db(), { email: "mallory@acme.test", token })).toBeNull();
    expect(await consumeLoginToken(db(), { email: "eve@acme.test", token })).toBeNull();
    const second = new URL((await call(loginRoute.GET, { token: a, params: { id: user.id } })).body.url).searchParams.get("sso_auth_token")!;
    expect(await consumeLoginToken(db(), { email: "eve@acme.test", token: second })).toMatchObject({ id: user.id });
    expect(await consumeLoginToken(db(), { email: "eve@acme.test", token: second })).toBeNull();

    const third = new URL((await call(loginRoute.GET, { token: a, params: { id: user.id } })).body.url).searchParams.get("sso_auth_token")!;
    await db().execute(`update user_login_tokens set expires_at = now() - interval '1 second'`);
    expect(await consumeLoginToken(db(), { email: "eve@acme.test", token: third })).toBeNull();
  });

  it("manages agent bots of its own accounts; another app's bot is 401", async () => {
    const { a, b } = await twoApps();
    const account = (await call(accountsRoute.POST, { token: a, body: { name: "Acme" } })).body;
    const bot = await call(botsRoute.POST, { token: a, body: { name: "Triage", description: "First line", outgoing_url: "https://bot.example.com/hook", account_id: account.id } });
    expect(bot.body).toMatchObject({ name: "Triage", description: "First line", outgoing_url: "https://bot.example.com/hook", account_id: account.id, access_token: expect.any(String) });
    expect((await call(botsRoute.GET, { token: a })).body.map((x: { id: number }) => x.id)).toEqual([bot.body.id]);
    expect((await call(botsRoute.GET, { token: b })).body).toEqual([]);
    const params = { id: bot.body.id };
    expect((await call(botRoute.PATCH, { token: a, params, body: { name: "Triage 2" } })).body.name).toBe("Triage 2");
    expect((await call(botRoute.GET, { token: b, params })).status).toBe(401);
    expect((await call(botRoute.PATCH, { token: b, params, body: { name: "x" } })).status).toBe(401);
    expect((await call(botRoute.DELETE, { token: b, params })).status).toBe(401);
    // A bot cannot be put into an account the app does not own.
    const { account: native } = await f.createWorkspace(db());
    expect((await call(botsRoute.POST, { token: b, body: { name: "Spy", account_id: native.id } })).status).toBe(401);
    expect((await call(botRoute.DELETE, { token: a, params })).status).toBe(200);
    expect((await call(botRoute.GET, { token: a, params })).status).toBe(404);
  });
});
