import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";

export type ConnectionStepView = { step: string; ok: boolean; message: string; warning?: boolean };

const LABELS: Record<string, string> = {
  imap_login: "IMAP sign-in",
  imap_folder: "Folder to read",
  imap_processed_folder: "Processed folder",
  imap_tls: "IMAP encryption",
  smtp: "SMTP",
  smtp_tls: "SMTP encryption",
};

/** The result of Test connection, one line per step, in the words the server gave. */
export function EmailConnectionSteps({ steps }: { steps: ConnectionStepView[] }) {
  if (steps.length === 0) return <p className="text-sm text-slate-500">Nothing to test: IMAP and SMTP are both off.</p>;
  return (
    <ul className="space-y-1.5" aria-label="Connection test results">
      {steps.map((s) => (
        <li key={s.step} className="flex items-start gap-2 text-sm">
          {s.warning ? (
            <AlertTriangle className="mt-0.5 size-4 shrink-0 text-amber-600" aria-label="warning" />
          ) : s.ok ? (
            <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-600" aria-label="passed" />
          ) : (
            <XCircle className="mt-0.5 size-4 shrink-0 text-red-600" aria-label="failed" />
          )}
          <span>
            <span className="font-medium text-slate-700">{LABELS[s.step] ?? s.step}:</span> <span className={s.warning ? "text-amber-800" : s.ok ? "text-slate-700" : "text-red-700"}>{s.message}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
