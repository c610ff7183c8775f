import { expect, it } from "vitest";
import { describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";
import { linkTokenFor } from "../integration/accounts/mail-link";

/**
 * Inviting a new agent on the embedded default (no SMTP): the invitation lands in the local outbox,
 * the administrator passes the link on, and the new person chooses their password and is signed in.
 */
const STEP_MS = 30_000;

describeE2E("agent invitations", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("invites by email, shows Verification pending, and the link from the outbox sets a password and signs in", async () => {
    const admin = await app().seedAccount({ accountName: "Acme Support", name: "Alice Admin" });
    const adminContext = await browser().newContext();
    const page = await adminContext.newPage();
    page.setDefaultTimeout(STEP_MS);
    const newcomer = `nina-${admin.accountId}@example.test`;
    try {
      await signIn(page, app().url, admin.email, admin.password);
      await page.waitForURL((url) => url.pathname.startsWith(`/app/accounts/${admin.accountId}`));
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/agents`);
      await page.getByLabel("Name").fill("Nina New");
      await page.getByLabel("Email").fill(newcomer);
      await page.getByRole("button", { name: "Invite agent" }).click();
      await page.getByText(`Invitation sent to ${newcomer}`).waitFor();
      const row = page.getByRole("row").filter({ hasText: newcomer });
      await row.getByText("Verification pending").waitFor();

      // The send job runs in the server; the mail appears in Settings → Outbox.
      let link: string | null = null;
      for (let i = 0; i < 30 && !link; i++) {
        await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/outbox`);
        const summary = page.getByText(/You are invited to join Acme Support/);
        if ((await summary.count()) > 0) {
          await summary.first().click();
          const text = (await page.locator("pre").filter({ hasText: "accept-invitation" }).first().textContent()) ?? "";
          link = /(http\S+accept-invitation\?token=[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
        } else {
          await page.waitForTimeout(500);
        }
      }
      expect(link).toBeTruthy();

      const guest = await browser().newContext();
      const ninaPage = await guest.newPage();
      ninaPage.setDefaultTimeout(STEP_MS);
      try {
        await ninaPage.goto(link ?? "");
        await ninaPage.getByText("You are invited to join Acme Support as an agent.", { exact: false }).waitFor();
        await ninaPage.getByLabel("Your name").fill("Nina N.");
        await ninaPage.getByLabel("Password").fill("nina chose this");
        await ninaPage.getByRole("button", { name: "Set password and join" }).click();
        await ninaPage.waitForURL((url) => url.pathname.startsWith(`/app/accounts/${admin.accountId}`));

        // Used once: the same link now explains itself instead of working again.
        await ninaPage.goto(link ?? "");
        await ninaPage.getByText("This invitation link is not valid any more").waitFor();
      } finally {
        await guest.close();
      }

      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/agents`);
      await page.getByText("Nina N.", { exact: true }).waitFor();
      expect(await page.getByText("Verification pending").count()).toBe(0);
    } finally {
      await adminContext.close();
    }
  });

  it("Forgot password? on the sign-in page answers the same for any address and its emailed link sets a new password", async () => {
    const admin = await app().seedAccount({ accountName: "Reset Co", name: "Rita Admin" });
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      const answerFor = async (email: string) => {
        await page.goto(`${app().url}/sign-in`);
        await page.getByRole("link", { name: "Forgot password?" }).click();
        // A client-side navigation: until the new page is in, "Email" is still the sign-in form's field.
        await page.getByRole("button", { name: "Send reset link" }).waitFor();
        await page.getByLabel("Email").fill(email);
        await page.getByRole("button", { name: "Send reset link" }).click();
        return (await page.getByRole("status").textContent()) ?? "";
      };
      const unknown = await answerFor(`nobody-${admin.accountId}@example.test`);
      const known = await answerFor(admin.email);
      expect(known).toBe(unknown);
      expect(known).toContain("If that email address has a Postdesk user");

      const { token } = await linkTokenFor(app().db, admin.email, { path: "/reset-password" });
      await page.goto(`${app().url}/reset-password?token=${token}`);
      await page.getByLabel("New password").fill("rita's new password");
      await page.getByRole("button", { name: "Set new password" }).click();
      await page.waitForURL((url) => url.pathname.startsWith(`/app/accounts/${admin.accountId}`));
    } finally {
      await context.close();
    }
  });
});
