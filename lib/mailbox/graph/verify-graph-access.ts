import { GraphError } from "@microsoft/microsoft-graph-client";
import { AppError } from "@/lib/errors";
import { graphClientWithToken, graphUrl, userPath } from "./client";
import { describeGraphError } from "./errors";

/**
 * Checks, before a Graph-transport inbox is created, that the fresh token reads the mailbox's
 * inbox folder (`GET /users/{mailbox}/mailFolders('inbox')`). A refusal is an AppError in words
 * the admin can act on, so the OAuth2 callback can stop without leaving anything behind.
 */
export async function verifyGraphMailboxAccess(params: { mailbox: string; accessToken: string; signedInAs?: string | null }): Promise<void> {
  const who = params.signedInAs && params.signedInAs.toLowerCase() !== params.mailbox.toLowerCase() ? params.signedInAs : "The signed-in account";
  try {
    await graphClientWithToken(params.accessToken)
      .api(graphUrl(`${userPath(params.mailbox)}/mailFolders('inbox')`))
      .get();
  } catch (error) {
    const status = error instanceof GraphError ? error.statusCode : null;
    if (status === 403) {
      // Delegated Graph tokens cannot subscribe to notifications on another user's or a shared mailbox
      // (Microsoft allows that only to application permissions), so Full Access would not help here.
      throw new AppError(
        "invalid",
        `${who} has no access to ${params.mailbox} through Microsoft Graph. The Graph transport works with the signed-in account's own licensed mailbox (and Mail.ReadWrite / Mail.Send consent): sign in as ${params.mailbox}, or connect a shared mailbox with the IMAP + SMTP transport.`,
      );
    }
    if (status === 404) {
      throw new AppError("invalid", `Microsoft Graph has no mailbox ${params.mailbox}: check the address. A shared mailbox without a licence works with the IMAP + SMTP transport instead.`);
    }
    if (status === 401) throw new AppError("invalid", `Microsoft refused the new sign-in for ${params.mailbox} on Graph: authorize again.`);
    throw new AppError("unavailable", describeGraphError(error, `read the inbox of ${params.mailbox}`).message);
  }
}
