import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oauthCredentials } from "@/db/schema";
import { OAuthTokenError } from "@/lib/mailbox/oauth/errors";
import { SmtpSendError, type SmtpResult } from "@/lib/mailbox/smtp/send-smtp";
import { graphClient, graphUrl, userPath, type GraphScope } from "./client";
import { describeGraphError, isRetryableStatus } from "./errors";

/** True when the inbox's OAuth2 sign-in uses the Microsoft Graph transport (send and receive through Graph). */
export async function usesGraphTransport(db: Db, scope: GraphScope): Promise<boolean> {
  const [row] = await db
    .select({ transport: oauthCredentials.transport })
    .from(oauthCredentials)
    .where(and(eq(oauthCredentials.accountId, scope.accountId), eq(oauthCredentials.inboxId, scope.inboxId)));
  return row?.transport === "graph";
}

/**
 * Sends our exact MIME bytes with `POST /users/{mailbox}/sendMail` (base64 MIME as text/plain), so
 * our Message-ID, In-Reply-To and References reach the customer unchanged and their reply threads
 * back. Graph answers 202 with no id: the Message-ID we put in the MIME is the message's id.
 * Bcc recipients (the envelope's) are given to Graph in a Bcc header it strips.
 * Errors are SmtpSendError like the SMTP transport's, so sendEmailDelivery retries the temporary
 * ones (429, 5xx, network) and fails the rest in words. A 401 was already retried once with a
 * renewed token by the client.
 */
export async function sendViaGraph(db: Db, scope: GraphScope, mailbox: string, raw: Buffer, bcc: string[] = []): Promise<SmtpResult> {
  try {
    // Graph takes the recipients from the MIME headers, and our stored MIME has no Bcc (it must not
    // show): add it for Graph only, which removes it before delivery.
    const mime = bcc.length > 0 ? Buffer.concat([Buffer.from(`Bcc: ${bcc.join(", ")}\r\n`), raw]) : raw;
    await graphClient(db, scope)
      .api(graphUrl(`${userPath(mailbox)}/sendMail`))
      .header("Content-Type", "text/plain")
      .post(mime.toString("base64"));
    return { response: `202 Accepted by Microsoft Graph (sendMail as ${mailbox})`, providerMessageId: null };
  } catch (error) {
    if (error instanceof OAuthTokenError) throw new SmtpSendError(error.message, !error.retryable, null);
    if (error instanceof Error && "code" in error && error.code === "not_found" && !("statusCode" in error)) {
      throw new SmtpSendError(`No OAuth2 sign-in is stored for ${mailbox}: reconnect the mailbox.`, true, null);
    }
    const { message, status } = describeGraphError(error, `send as ${mailbox}`);
    throw new SmtpSendError(message, status !== null && !isRetryableStatus(status), status);
  }
}
