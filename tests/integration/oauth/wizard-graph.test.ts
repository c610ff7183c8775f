import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { channelEmail, inboxes, oauthCredentials } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { completeOAuthSignIn } from "@/lib/inboxes/create-oauth-inbox";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import { graphInboxes } from "@/lib/mailbox/graph/lifecycle";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useFakeGraph } from "../graph/graph-helpers";
import { channelRow, consent, credentialRow, useFakeOAuthProvider } from "./oauth-helpers";

/** The Microsoft 365 wizard on the Graph transport: access checked on Graph (the inbox folder) before anything is created. */
const db = useTestDatabase();
const idp = useFakeOAuthProvider();
const graph = useFakeGraph(idp);

async function signIn(userId: number, accountId: number, mailbox: string) {
  const { url } = await startOAuthInbox(db(), userActor(userId), accountId, { provider: "microsoft", transport: "graph", email: mailbox, name: "Licensed" });
  return completeOAuthSignIn(db(), userActor(userId), { provider: "microsoft", callbackParams: await consent(url) });
}

describe("the wizard's Graph transport", () => {
  it("creates a Graph inbox (no IMAP polling, no SMTP) after reading the mailbox's inbox folder; the renewal cron would subscribe it too", async () => {
    const { account, admin } = await f.createWorkspace(db());
    idp().signIn({ email: "licensed@contoso.test" });
    const done = await signIn(admin.id, account.id, "licensed@contoso.test");
    expect(graph().requests.some((r) => r.path.includes("/mailFolders('inbox')") && r.status === 200)).toBe(true);

    const [inbox] = await db().select().from(inboxes).where(eq(inboxes.id, done.inboxId));
    expect(await channelRow(db(), inbox.channelId)).toMatchObject({ provider: "microsoft", imapEnabled: false, smtpEnabled: false, nextPollAt: null });
    expect(await credentialRow(db(), done.inboxId)).toMatchObject({ transport: "graph", mailboxAddress: "licensed@contoso.test" });
    expect((await credentialRow(db(), done.inboxId)).scopes).toContain("Mail.Send");
    expect(await graphInboxes(db())).toContainEqual({ accountId: account.id, inboxId: done.inboxId });
  });

  it("refuses a mailbox the signed-in account cannot read on Graph, in words, and leaves nothing", async () => {
    const { account, admin } = await f.createWorkspace(db());
    idp().signIn({ email: "agent@contoso.test", mailbox: "agent@contoso.test" });
    await expect(signIn(admin.id, account.id, "ceo@contoso.test")).rejects.toThrow(/has no access to ceo@contoso.test through Microsoft Graph/);
    expect(await db().select().from(channelEmail).where(eq(channelEmail.accountId, account.id))).toHaveLength(0);
    expect(await db().select().from(oauthCredentials).where(eq(oauthCredentials.accountId, account.id))).toHaveLength(0);
  });
});
