import { describe, expect, it } from "vitest";
import { contactLabels, contacts, labels } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContactNote } from "@/lib/contacts/notes";
import { previewContactMerge } from "@/lib/contacts/merge-preview";
import { mergeContacts } from "@/lib/contacts/merge";
import { eq } from "drizzle-orm";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

/** The contact page's merge preview says what the merge then does. */
const db = useTestDatabase();

describe("merge preview", () => {
  it("counts what moves and the fields the base takes, changes nothing, and matches the merge", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const base = await f.createContact(db(), account.id, { name: "Sam", email: "sam@customer.test", phoneNumber: null });
    const mergee = await f.createContact(db(), account.id, { name: "Sam (old)", email: null, phoneNumber: "+15550100", identifier: "crm-7" });
    await f.createConversation(db(), account.id, inbox.id, { contactId: mergee.id });
    await f.createConversation(db(), account.id, inbox.id, { contactId: mergee.id });
    await createContactNote(db(), userActor(agent.id), account.id, mergee.id, { content: "Met at the fair" });
    const [label] = await db().insert(labels).values({ accountId: account.id, title: "vip" }).returning();
    await db().insert(contactLabels).values({ accountId: account.id, contactId: mergee.id, labelId: label.id });

    const preview = await previewContactMerge(db(), userActor(agent.id), account.id, { baseContactId: base.id, mergeeContactId: mergee.id });
    expect(preview).toMatchObject({ base: { id: base.id, name: "Sam" }, mergee: { id: mergee.id }, conversations: 2, addresses: 2, notes: 1, labels: 1, fills: ["phone number", "identifier"] });
    expect(await db().select().from(contacts).where(eq(contacts.id, mergee.id))).toHaveLength(1);

    const merged = await mergeContacts(db(), userActor(agent.id), account.id, { baseContactId: base.id, mergeeContactId: mergee.id });
    expect(merged).toMatchObject({ phoneNumber: "+15550100", identifier: "crm-7", email: "sam@customer.test" });
  });

  it("refuses a contact of another account and merging a contact into itself", async () => {
    const { account, agent } = await f.createWorkspace(db());
    const other = await f.createWorkspace(db());
    const mine = await f.createContact(db(), account.id);
    const theirs = await f.createContact(db(), other.account.id);
    await expect(previewContactMerge(db(), userActor(agent.id), account.id, { baseContactId: theirs.id, mergeeContactId: mine.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(previewContactMerge(db(), userActor(agent.id), account.id, { baseContactId: mine.id, mergeeContactId: mine.id })).rejects.toMatchObject({ code: "invalid" });
  });
});
