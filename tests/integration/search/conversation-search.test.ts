import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { searchConversations } from "@/lib/search/search-conversations";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

async function world() {
  const { account, admin, agent, inbox } = await f.createWorkspace(db());
  const other = await f.createInbox(db(), account.id, { name: "Billing" }); // the agent is not a member
  const carol = await f.createContact(db(), account.id, { name: "Carol Jonathan", email: "carol@customer.test" });
  const dave = await f.createContact(db(), account.id, { name: "Dave", email: "dave@elsewhere.test" });
  const printer = await f.createConversation(db(), account.id, inbox.id, {
    contactId: dave.id,
    additionalAttributes: { mail_subject: "Printer jams on page two", source: "email" },
  });
  await f.createMessage(db(), printer, { content: "Hello, it stops every time." });
  const refund = await f.createConversation(db(), account.id, inbox.id, { contactId: carol.id, status: "resolved" });
  await f.createMessage(db(), refund, { content: "I would like a refund for order 7781, the parcel never arrived." });
  const note = await f.createConversation(db(), account.id, inbox.id, { contactId: dave.id });
  await f.createMessage(db(), note, { content: "Nothing to see" });
  await f.createMessage(db(), note, { content: "Escalated to the warehouse team", messageType: "outgoing", private: true });
  const hidden = await f.createConversation(db(), account.id, other.id, { contactId: carol.id });
  await f.createMessage(db(), hidden, { content: "refund request from the billing inbox" });
  return { account, admin, agent, inbox, printer, refund, note, hidden };
}

const ids = (r: { conversations: { displayId: number }[] }) => r.conversations.map((c) => c.displayId).sort((a, b) => a - b);

describe("searchConversations", () => {
  it("finds by message text with prefixes, by subject, by a private note, by number, across statuses", async () => {
    const w = await world();
    const admin = userActor(w.admin.id);
    const byText = await searchConversations(db(), admin, w.account.id, { q: "parcel refu" });
    expect(ids(byText)).toEqual([w.refund.displayId]);
    expect(byText.conversations[0].match?.content).toContain("refund for order 7781");
    expect(byText.terms).toEqual(["parcel", "refu"]);
    // Only the last word (the one being typed) is a prefix.
    expect((await searchConversations(db(), admin, w.account.id, { q: "refu parcel" })).conversations).toEqual([]);

    expect(ids(await searchConversations(db(), admin, w.account.id, { q: "printer" }))).toEqual([w.printer.displayId]);
    expect(ids(await searchConversations(db(), admin, w.account.id, { q: "warehouse" }))).toEqual([w.note.displayId]);
    expect(ids(await searchConversations(db(), admin, w.account.id, { q: `#${w.note.displayId}` }))).toEqual([w.note.displayId]);
    expect(ids(await searchConversations(db(), admin, w.account.id, { q: "7781" }))).toEqual([w.refund.displayId]);
    // Words in a different order and case still match; a word in no message does not.
    expect(ids(await searchConversations(db(), admin, w.account.id, { q: "PARCEL Refund" }))).toEqual([w.refund.displayId]);
    expect((await searchConversations(db(), admin, w.account.id, { q: "refund zebra" })).conversations).toEqual([]);
  });

  it("finds by contact name, address and a misspelt name, and counts the tabs of the matches", async () => {
    const w = await world();
    const admin = userActor(w.admin.id);
    const byEmail = await searchConversations(db(), admin, w.account.id, { q: "carol@customer" });
    expect(ids(byEmail)).toEqual([w.refund.displayId, w.hidden.displayId].sort((a, b) => a - b));
    const typo = await searchConversations(db(), admin, w.account.id, { q: "Carol Jonatan" });
    expect(ids(typo)).toEqual([w.refund.displayId, w.hidden.displayId].sort((a, b) => a - b));
    expect(typo.meta).toEqual({ mineCount: 0, unassignedCount: 2, allCount: 2 });
    expect((await searchConversations(db(), admin, w.account.id, { q: "refund", status: "open" })).conversations.map((c) => c.displayId)).toEqual([
      w.hidden.displayId,
    ]);
  });

  it("shows an agent only the inboxes they are a member of", async () => {
    const w = await world();
    const agent = userActor(w.agent.id);
    expect(ids(await searchConversations(db(), agent, w.account.id, { q: "refund" }))).toEqual([w.refund.displayId]);
    expect((await searchConversations(db(), agent, w.account.id, { q: `${w.hidden.displayId}` })).conversations).toEqual([]);
    const stranger = await f.createAgent(db(), (await f.createAccount(db())).id, { role: "administrator" });
    await expect(searchConversations(db(), userActor(stranger.id), w.account.id, { q: "refund" })).rejects.toThrow();
  });
});

describe("searchConversations at size", () => {
  it("answers a common word from the newest conversations (capped) and still finds a rare word in an old one", async () => {
    const { account, admin, inbox } = await f.createWorkspace(db());
    const contact = await f.createContact(db(), account.id);
    // 320 conversations, one a minute back in time, each with a message holding a common word.
    await db().execute(sql`
      with c as (
        insert into conversations (account_id, inbox_id, display_id, contact_id, last_activity_at)
        select ${account.id}, ${inbox.id}, 1000 + g, ${contact.id}, now() - g * interval '1 minute' from generate_series(1, 320) g
        returning id, display_id)
      insert into messages (account_id, inbox_id, conversation_id, message_type, content)
      select ${account.id}, ${inbox.id}, c.id, 'incoming', 'the widget broke' || case when c.display_id = 1320 then ' again, zanzibar' else '' end from c`);
    const actor = userActor(admin.id);
    const common = await searchConversations(db(), actor, account.id, { q: "widget" });
    expect(common.capped).toBe(true);
    expect(common.conversations.map((c) => c.displayId)).toEqual(Array.from({ length: 25 }, (_, i) => 1001 + i));
    const second = await searchConversations(db(), actor, account.id, { q: "widget", page: 2 });
    expect(second.conversations[0].displayId).toBe(1026);
    const rare = await searchConversations(db(), actor, account.id, { q: "zanzibar" });
    expect(rare.capped).toBe(false);
    expect(rare.conversations.map((c) => c.displayId)).toEqual([1320]);
    expect(rare.conversations[0].match?.content).toBe("the widget broke again, zanzibar");
  });
});
