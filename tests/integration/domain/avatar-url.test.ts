import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact, updateContact } from "@/lib/contacts/contacts";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

/** Review L7: `avatar_url` accepted `javascript:` (stored, not rendered yet). Only http(s) now. */
describe("contact avatar URLs", () => {
  it("accepts http(s) and refuses every other scheme, on create and on update", async () => {
    const w = await f.createWorkspace(db());
    const actor = userActor(w.agent.id);
    const ok = await createContact(db(), actor, w.account.id, { name: "Pic", thumbnail: "https://cdn.example.test/a.png" });
    expect(ok.thumbnail).toBe("https://cdn.example.test/a.png");
    for (const bad of ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:image/svg+xml,<svg onload=alert(1)>", "vbscript:x", "file:///etc/passwd"]) {
      await expect(createContact(db(), actor, w.account.id, { name: "Bad", thumbnail: bad })).rejects.toMatchObject({ code: "invalid" });
      await expect(updateContact(db(), actor, w.account.id, ok.id, { thumbnail: bad })).rejects.toMatchObject({ code: "invalid" });
    }
  });
});
