import { describe, expect, it } from "vitest";
import { importGraphMessage } from "@/lib/mailbox/graph/import-message";
import { syncGraphDelta } from "@/lib/mailbox/graph/delta";
import { createGraphSubscription } from "@/lib/mailbox/graph/subscriptions";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { rawMail } from "@/tests/support/email-inbox";
import { createOAuthInbox, useFakeOAuthProvider } from "../oauth/oauth-helpers";
import { graphRawEmails, inboxMessages, useFakeGraph } from "./graph-helpers";

/** A notification's job and the delta reconciler bringing the same message at the same moment. */
const db = useTestDatabase();
const idp = useFakeOAuthProvider();
const graph = useFakeGraph(idp);

describe("Graph import races", () => {
  it("stores one message when notification jobs and a delta run import it at the same time", async () => {
    const { account } = await f.createWorkspace(db());
    const mailbox = `race-${account.id}@contoso.test`;
    const { scope } = await createOAuthInbox(db(), idp(), { accountId: account.id, mailbox, transport: "graph" });
    await createGraphSubscription(db(), scope);
    const { id } = await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: "race-1@customer.test" }), { notify: false });

    const [a, b, delta] = await Promise.all([importGraphMessage(db(), scope, id), importGraphMessage(db(), scope, id), syncGraphDelta(db(), scope)]);
    expect([a.status, b.status].filter((s) => s === "imported").length + delta.imported).toBe(1);
    expect(await inboxMessages(db(), account.id, scope.inboxId)).toMatchObject([{ sourceId: "race-1@customer.test" }]);
    expect(await graphRawEmails(db(), scope.inboxId)).toHaveLength(1);
  });
});
