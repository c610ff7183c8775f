import { describe, expect, it } from "vitest";
import * as search from "@/app/api/v1/accounts/[account_id]/contacts/search/route";
import * as f from "../../factories";
import { call } from "../api/call";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

describe("GET /contacts/search with a typo", () => {
  it("finds a misspelt name or address when nothing contains the term as typed", async () => {
    const { account, agent } = await f.createWorkspace(db());
    await f.createContact(db(), account.id, { name: "Jonathan Whitaker", email: "jonathan@whitaker.test" });
    await f.createContact(db(), account.id, { name: "Maria Okafor", email: "maria@okafor.test" });
    const params = { account_id: account.id };
    const names = async (q: string) =>
      (await call(search.GET, { token: agent.apiAccessToken, params, query: { q } })).body.payload.map((c: { name: string }) => c.name);
    expect(await names("Jonatan Whitacker")).toEqual(["Jonathan Whitaker"]);
    expect(await names("maria@okafro.test")).toEqual(["Maria Okafor"]);
    expect(await names("Whitaker")).toEqual(["Jonathan Whitaker"]);
    expect(await names("zzzzqqqq")).toEqual([]);
  });
});
