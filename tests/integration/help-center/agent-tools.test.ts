import { describe, expect, it } from "vitest";
import { previewArticleAction, uploadArticleImageAction } from "@/app/_server/actions/help-center";
import { runActionAs } from "@/app/_server/action";
import { userActor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/env";
import { searchArticleLinks } from "@/lib/help-center/agent-search";
import { readPublicHelpCenterFile } from "@/lib/help-center/files";
import * as factories from "@/tests/factories";
import * as hc from "@/tests/factories/help-center";
import { useTestDatabase } from "@/tests/support/db";

/** What agents use from the help center: the composer's article search, and the editor's preview and image upload. */
const db = useTestDatabase();
const signedIn = (userId: number) => ({ actor: userActor(userId), userId });

describe("composer article search", () => {
  it("finds published articles of live portals only, with the public URL (custom domain first)", async () => {
    const w = await factories.createWorkspace(db());
    const other = await factories.createWorkspace(db());
    const docs = await hc.createPortal(db(), w.account.id, { name: "Docs" });
    const branded = await hc.createPortal(db(), w.account.id, { name: "Brand", customDomain: `help-${docs.id}.acme.test` });
    const archived = await hc.createPortal(db(), w.account.id, { archived: true });
    await hc.createArticle(db(), docs, { title: "Reset your password", slug: "reset-password" });
    await hc.createArticle(db(), branded, { title: "Password rules", slug: "password-rules" });
    await hc.createArticle(db(), docs, { title: "Password draft", status: "draft" });
    await hc.createArticle(db(), archived, { title: "Password in an archived portal" });
    const theirs = await hc.createPortal(db(), other.account.id);
    await hc.createArticle(db(), theirs, { title: "Password of another account" });

    const links = await searchArticleLinks(db(), userActor(w.agent.id), w.account.id, "password");
    expect(links.map((l) => l.title).sort()).toEqual(["Password rules", "Reset your password"]);
    expect(links.find((l) => l.title === "Reset your password")?.url).toBe(`${appUrl()}/hc/${docs.slug}/articles/reset-password`);
    expect(links.find((l) => l.title === "Password rules")?.url).toBe(`https://help-${docs.id}.acme.test/articles/password-rules`);
    // Every word must match somewhere.
    expect((await searchArticleLinks(db(), userActor(w.agent.id), w.account.id, "reset password")).map((l) => l.title)).toEqual(["Reset your password"]);
    await expect(searchArticleLinks(db(), userActor(other.admin.id), w.account.id, "password")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("editor actions", () => {
  it("previews with the public renderer (script removed, Markdown rendered)", async () => {
    const w = await factories.createWorkspace(db());
    const result = await runActionAs(previewArticleAction, signedIn(w.admin.id), { markdown: "**Bold** <script>alert(1)</script> [x](javascript:alert(1))" });
    expect(result.ok).toBe(true);
    const html = result.ok ? result.data.html : "";
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).not.toContain("<script");
    expect(html).not.toContain('href="javascript:');
  });

  it("stores an uploaded image with the portal and returns a URL the renderer keeps; agents cannot upload", async () => {
    const w = await factories.createWorkspace(db());
    const portal = await hc.createPortal(db(), w.account.id);
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const input = { accountId: w.account.id, portalSlug: portal.slug, file: new File([png], "screen shot.png", { type: "image/png" }) };
    const denied = await runActionAs(uploadArticleImageAction, signedIn(w.agent.id), input);
    expect(denied).toMatchObject({ ok: false });
    const uploaded = await runActionAs(uploadArticleImageAction, signedIn(w.admin.id), input);
    if (!uploaded.ok) throw new Error(uploaded.error);
    const key = new URL(uploaded.data.url).pathname.split("/")[3];
    expect((await readPublicHelpCenterFile(db(), key))?.data).toEqual(png);
    const preview = await runActionAs(previewArticleAction, signedIn(w.admin.id), { markdown: `![shot](${uploaded.data.url})` });
    expect(preview.ok && preview.data.html).toContain(`src="${uploaded.data.url.replace(/&/g, "&amp;")}"`);
  });
});
