import { describe, expect, it } from "vitest";
import { verifyGraphMailboxAccess } from "@/lib/mailbox/graph/verify-graph-access";
import { createAccount } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { signInThroughProvider, useFakeOAuthProvider } from "../oauth/oauth-helpers";
import { useFakeGraph } from "./graph-helpers";

/** The check a Graph-transport inbox passes before it is created: the fresh token reads the mailbox's inbox folder. */
const db = useTestDatabase();
const idp = useFakeOAuthProvider();
const graph = useFakeGraph(idp);

async function tokenFor(mailbox: string, opens = mailbox) {
  const account = await createAccount(db());
  idp().signIn({ email: "agent@contoso.test", mailbox: opens });
  const { tokens } = await signInThroughProvider({ accountId: account.id, provider: "microsoft", transport: "graph", mailbox });
  return tokens.accessToken;
}

describe("verifyGraphMailboxAccess", () => {
  it("passes when the token reads the mailbox's inbox folder", async () => {
    const accessToken = await tokenFor("sales@contoso.test");
    await expect(verifyGraphMailboxAccess({ mailbox: "sales@contoso.test", accessToken })).resolves.toBeUndefined();
    expect(graph().requests.at(-1)).toMatchObject({ status: 200 });
  });

  it("says which account lacks Full Access when Graph answers 403", async () => {
    const accessToken = await tokenFor("billing@contoso.test", "agent@contoso.test");
    await expect(verifyGraphMailboxAccess({ mailbox: "billing@contoso.test", accessToken, signedInAs: "agent@contoso.test" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("agent@contoso.test has no access to billing@contoso.test"),
    });
  });

  it("names a mailbox Graph does not know, and the transport that works without a licence", async () => {
    const accessToken = await tokenFor("nobody@contoso.test");
    await expect(verifyGraphMailboxAccess({ mailbox: "nobody@contoso.test", accessToken })).rejects.toMatchObject({
      message: expect.stringContaining("IMAP + SMTP transport"),
    });
  });

  it("refuses a token Microsoft does not accept, without trying to renew it", async () => {
    await expect(verifyGraphMailboxAccess({ mailbox: "sales@contoso.test", accessToken: "at-forged" })).rejects.toMatchObject({
      message: expect.stringContaining("authorize again"),
    });
  });
});
