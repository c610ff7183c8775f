import { GraphError } from "@microsoft/microsoft-graph-client";

/** Graph's status codes worth another try later: throttling, timeouts and the server's own trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A Graph failure in words for the agent or admin, with Graph's own code and message. */
export function describeGraphError(error: unknown, action: string): { message: string; status: number | null } {
  if (error instanceof GraphError) {
    const status = error.statusCode > 0 ? error.statusCode : null;
    const detail = [error.code, error.message].filter(Boolean).join(": ");
    const hint =
      status === 401
        ? " Microsoft refused the mailbox's sign-in even after a renewal: reconnect the mailbox."
        : status === 403
          ? " The signed-in account lacks permission on this mailbox (Mail.Send / Mail.ReadWrite, or the mailbox has no licence for Graph)."
          : status === 404
            ? " Microsoft does not know this mailbox (check the address, or use the IMAP/SMTP transport for a shared mailbox without a licence)."
            : status === 429
              ? " Microsoft is throttling this mailbox; it will be retried."
              : "";
    return { message: `Microsoft Graph refused to ${action} (HTTP ${status ?? "error"}${detail ? `, ${detail}` : ""}).${hint}`, status };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { message: `Could not reach Microsoft Graph to ${action}: ${reason}`, status: null };
}
