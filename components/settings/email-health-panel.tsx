import type { EmailInboxHealth } from "@/lib/inboxes/email-health";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { PollNowButton } from "./email-inbox-actions";
import { QuarantineActions } from "./quarantine-actions";

const STATUS = {
  ok: { tone: "green", label: "Healthy" },
  error: { tone: "amber", label: "Last poll failed" },
  reconnect_needed: { tone: "red", label: "Reconnect needed" },
} as const;

const when = (d: Date | null) => (d ? <LocalTime date={d} pattern="d MMM yyyy, HH:mm" /> : "never");

/** The inbox health panel (docs/email.md, Ingestion): nothing about a mailbox fails silently. */
export function EmailHealthPanel({ accountId, inboxId, health, isAdmin }: { accountId: number; inboxId: number; health: EmailInboxHealth; isAdmin: boolean }) {
  const status = STATUS[health.status];
  return (
    <div className="space-y-4 p-5" aria-label="Inbox health">
      <div className="flex items-center gap-2">
        <Badge tone={status.tone}>{status.label}</Badge>
        {health.status === "reconnect_needed" ? <span className="text-sm text-red-700">The mailbox refused our sign-in: enter the password again below.</span> : null}
      </div>
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        {health.imapEnabled ? (
          <div>
            <dt className="text-slate-500">Last successful poll</dt>
            <dd className="text-slate-800">{when(health.lastSuccessfulPollAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt className="text-slate-500">Messages imported today</dt>
          <dd className="text-slate-800">{health.importedToday}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-slate-500">Last error</dt>
          <dd className="text-slate-800">
            {health.lastError ? (
              <>
                {health.lastError} <span className="text-slate-500">({when(health.lastErrorAt)})</span>
              </>
            ) : (
              "none"
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Quarantined messages</dt>
          <dd className="text-slate-800">{health.quarantinedCount}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Waiting to import for over {health.stuckAfterMinutes} minutes</dt>
          <dd className={health.stuckCount > 0 ? "font-medium text-amber-700" : "text-slate-800"}>{health.stuckCount}</dd>
        </div>
      </dl>
      {isAdmin && health.imapEnabled ? <PollNowButton accountId={accountId} inboxId={inboxId} /> : null}
      {health.quarantined.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Quarantined</h3>
          <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
            {health.quarantined.map((q) => (
              <li key={q.id} className="flex items-start justify-between gap-4 px-3 py-2 text-sm">
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-800">{q.subject ?? "(no subject)"}</p>
                  <p className="truncate text-xs text-slate-500">
                    {q.from ?? "unknown sender"} · {when(q.receivedAt)} · {Math.ceil(q.byteSize / 1024)} KB
                  </p>
                  <p className="text-xs text-red-700">{q.error}</p>
                </div>
                <QuarantineActions accountId={accountId} rawEmailId={q.id} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
