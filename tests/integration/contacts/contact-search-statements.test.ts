import { describe, expect, it } from "vitest";
import { GET as searchContactsRoute } from "@/app/api/v1/accounts/[account_id]/contacts/search/route";
import { contactInboxes } from "@/db/schema";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { longestChain, useSlowWire } from "@/tests/support/slow-wire";
import { useWireRecording } from "@/tests/support/wire-recording";
import { call } from "../api/call";

/**
 * GET /contacts/search as the API serves it, on a slow wire (every answer of the database held
 * 100 ms): the token with the membership, then one statement with the page, its count and each
 * contact's addresses (contact_inboxes, Chatwoot's include_contact_inboxes, on by default).
 */
const db = useTestDatabase();
const record = useWireRecording();
const wire = useSlowWire(100);

describe("contact search through the API", () => {
  it("is two round trips and two statements, with the same addresses an agent may see as before", async () => {
    const w = await f.createWorkspace(db());
    const other = await f.createInbox(db(), w.account.id, { name: "Not the agent's" });
    const ada = await f.createContact(db(), w.account.id, { name: "Ada Lovelace", email: "ada@example.test" });
    const byron = await f.createContact(db(), w.account.id, { name: "Ada Byron", email: "byron@example.test" });
    await f.createContact(db(), w.account.id, { name: "Grace Hopper", email: "grace@example.test" });
    const [inSupport] = await db().insert(contactInboxes).values({ accountId: w.account.id, contactId: ada.id, inboxId: w.inbox.id, sourceId: "ada-support" }).returning();
    const [elsewhere] = await db().insert(contactInboxes).values({ accountId: w.account.id, contactId: ada.id, inboxId: other.id, sourceId: "ada-other" }).returning();
    const [admin, agent] = [w.admin, w.agent];
    const search = async (token: string, q: string, query: Record<string, string> = {}) => {
      let response: Awaited<ReturnType<typeof call>> | undefined;
      const statements = await record(() => wire.slow(async () => void (response = await call(searchContactsRoute, { token, params: { account_id: w.account.id }, query: { q, ...query } }))), { appOnly: true });
      if (!response) throw new Error("no response");
      return { response, statements, chain: longestChain(statements, wire.delayMs) };
    };

    const asAdmin = await search(admin.apiAccessToken, "ada");
    expect(asAdmin.response.status).toBe(200);
    expect(asAdmin.response.body.meta).toEqual({ count: 2, current_page: 1 });
    const found = Object.fromEntries(asAdmin.response.body.payload.map((c: { id: number; contact_inboxes: unknown[] }) => [c.id, c.contact_inboxes]));
    expect(Object.keys(found).map(Number).sort()).toEqual([ada.id, byron.id].sort());
    expect(found[byron.id]).toEqual([]);
    expect(found[ada.id]).toEqual([
      { source_id: "ada-support", inbox: expect.objectContaining({ id: w.inbox.id, name: "Support", channel_type: "Channel::Api" }) },
      { source_id: "ada-other", inbox: expect.objectContaining({ id: other.id, name: "Not the agent's" }) },
    ]);
    expect(inSupport.id).toBeLessThan(elsewhere.id);
    expect(asAdmin.statements.map((s) => s.text.replace(/\s+/g, " ").slice(0, 80))).toHaveLength(2);
    expect(asAdmin.chain).toHaveLength(2);

    // An agent sees only the addresses in their inboxes (their inboxes are one more read).
    const asAgent = await search(agent.apiAccessToken, "ada@");
    expect(asAgent.response.body.payload.map((c: { id: number }) => c.id)).toEqual([ada.id]);
    expect(asAgent.response.body.payload[0].contact_inboxes).toEqual([{ source_id: "ada-support", inbox: expect.objectContaining({ id: w.inbox.id }) }]);
    expect(asAgent.chain.length).toBeLessThanOrEqual(3);

    // Without the addresses, and past the cap's one-statement form, the answers stay the same.
    const bare = await search(admin.apiAccessToken, "ada", { include_contact_inboxes: "false" });
    expect(bare.response.body.payload.every((c: { contact_inboxes?: unknown }) => c.contact_inboxes === undefined || (Array.isArray(c.contact_inboxes) && c.contact_inboxes.length === 0))).toBe(true);
  });
});
