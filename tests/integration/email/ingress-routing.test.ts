import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { channelEmail } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import { routingFieldsFromRaw } from "@/lib/email/ingress/recipients-from-raw";
import { routeInboundEmail } from "@/lib/email/route/route-inbound";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow } from "../../support/email-inbox";

const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "ingress-routing-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
});

const fields = (to: string[], cc: string[] = [], envelope: string[] = []) => ({
  to: to.map((address) => ({ name: "", address })),
  cc: cc.map((address) => ({ name: "", address })),
  envelopeRecipients: envelope,
});

describe("routing forwarded mail to an inbox", () => {
  it("matches the inbox address in To, Cc, Bcc, Delivered-To or X-Original-To, whatever its case", async () => {
    const account = await f.createAccount(db());
    const { inbox } = await createEmailInboxRow(db(), account.id, { email: "Help@Acme-Route.test" });
    const expected = [{ accountId: account.id, inboxId: inbox.id, matchedBy: "inbox_address" }];
    expect(await routeInboundEmail(db(), fields(["help@acme-route.test"]))).toMatchObject(expected);
    expect(await routeInboundEmail(db(), fields(["someone@else.test"], ["HELP@ACME-ROUTE.TEST"]))).toMatchObject(expected);
    const raw = Buffer.from("Delivered-To: help@acme-route.test\r\nTo: list@lists.test\r\nSubject: x\r\n\r\nbody\r\n");
    expect(await routeInboundEmail(db(), routingFieldsFromRaw(raw))).toMatchObject(expected);
    const original = Buffer.from("X-Original-To: Help@acme-route.test\r\nTo: undisclosed-recipients:;\r\n\r\nbody\r\n");
    expect(await routeInboundEmail(db(), routingFieldsFromRaw(original))).toMatchObject(expected);
    const bcc = Buffer.from("To: undisclosed-recipients:;\r\nBcc: Help@acme-route.test\r\n\r\nbody\r\n");
    expect(await routeInboundEmail(db(), routingFieldsFromRaw(bcc))).toMatchObject(expected);
  });

  it("returns every inbox addressed, each once, by the forwarding address, a reply+ address or its own address", async () => {
    const account = await f.createAccount(db());
    const { inbox, channel } = await createEmailInboxRow(db(), account.id, { email: "sales@acme-fwd.test" });
    const { inbox: other } = await createEmailInboxRow(db(), account.id, { email: "billing@acme-fwd.test" });
    const forwarding = `${channel.forwardingToken}@in.postdesk.test`;
    expect(await routeInboundEmail(db(), fields(["billing@acme-fwd.test"], [], [forwarding.toUpperCase()]))).toMatchObject([
      { inboxId: inbox.id, matchedBy: "forwarding_address" },
      { inboxId: other.id, matchedBy: "inbox_address" },
    ]);
    // The forwarding address and the inbox's own address name one inbox: one copy.
    expect(await routeInboundEmail(db(), fields(["sales@acme-fwd.test"], [], [forwarding]))).toMatchObject([{ inboxId: inbox.id, matchedBy: "forwarding_address" }]);
    // The same token at another domain is not our forwarding address.
    expect(await routeInboundEmail(db(), fields([`${channel.forwardingToken}@elsewhere.test`]))).toEqual([]);

    const conversation = await f.createConversation(db(), account.id, other.id);
    const reply = `reply+${conversation.uuid}@in.postdesk.test`;
    expect(await routeInboundEmail(db(), fields(["billing@acme-fwd.test", reply]))).toEqual([
      expect.objectContaining({ inboxId: other.id, matchedBy: "reply_address" }),
    ]);
    expect(await routeInboundEmail(db(), fields(["sales@acme-fwd.test", reply]))).toMatchObject([
      { inboxId: other.id, matchedBy: "reply_address" },
      { inboxId: inbox.id, matchedBy: "inbox_address" },
    ]);
  });

  it("delivers mail To one account's inbox and Cc another's to both (review M4b)", async () => {
    const a = await f.createAccount(db());
    const b = await f.createAccount(db());
    const { inbox: inboxA } = await createEmailInboxRow(db(), a.id, { email: "support@a-m4b.test" });
    const { inbox: inboxB } = await createEmailInboxRow(db(), b.id, { email: "support@b-m4b.test" });
    const both = [
      { accountId: a.id, inboxId: inboxA.id, matchedBy: "inbox_address" },
      { accountId: b.id, inboxId: inboxB.id, matchedBy: "inbox_address" },
    ];
    expect(await routeInboundEmail(db(), fields(["support@a-m4b.test"], ["Support@B-m4b.test"]))).toMatchObject(both);
    // Bcc recipients reach us only in the envelope.
    expect(await routeInboundEmail(db(), fields(["someone@else.test"], [], ["support@a-m4b.test"]), ["support@b-m4b.test"])).toEqual(
      expect.arrayContaining(both.map((r) => expect.objectContaining(r))),
    );
  });

  it("returns nothing for unknown addresses and API inboxes' conversations", async () => {
    const a = await f.createWorkspace(db());
    expect(await routeInboundEmail(db(), fields(["nobody@acme-dup.test"]))).toEqual([]);
    const apiConversation = await f.createConversation(db(), a.account.id, a.inbox.id);
    expect(await routeInboundEmail(db(), fields([`reply+${apiConversation.uuid}@in.postdesk.test`]))).toEqual([]);
    expect(await routeInboundEmail(db(), fields([]))).toEqual([]);
  });

  it("reads recipients from folded headers and groups without parsing the body", () => {
    const raw = Buffer.from(
      'To: "Support, EU" <Support@Acme.test>,\r\n\tother@x.test\r\nCc: Team: a@x.test, b@x.test;\r\nDelivered-To: D@x.test\r\n\r\n\xff\xfe broken body',
      "latin1",
    );
    const parsed = routingFieldsFromRaw(raw);
    expect(parsed.to.map((a) => a.address)).toEqual(["support@acme.test", "other@x.test"]);
    expect(parsed.cc.map((a) => a.address)).toEqual(["a@x.test", "b@x.test"]);
    expect(parsed.envelopeRecipients).toEqual(["d@x.test"]);
  });

  it("follows an inbox whose address changed", async () => {
    const account = await f.createAccount(db());
    const { inbox, channel } = await createEmailInboxRow(db(), account.id, { email: "old@acme-change.test" });
    await db().update(channelEmail).set({ email: "new@acme-change.test" }).where(eq(channelEmail.id, channel.id));
    expect(await routeInboundEmail(db(), fields(["old@acme-change.test"]))).toEqual([]);
    expect(await routeInboundEmail(db(), fields(["new@acme-change.test"]))).toMatchObject([{ inboxId: inbox.id }]);
  });
});
