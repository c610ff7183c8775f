import { Download } from "lucide-react";

export const originalEmailUrl = (accountId: number, messageId: number) => `/api/accounts/${accountId}/messages/${messageId}/raw`;

/** "Download original": the .eml as received or sent. */
export function OriginalEmailLink({ accountId, messageId }: { accountId: number; messageId: number }) {
  return (
    <a href={originalEmailUrl(accountId, messageId)} className="flex items-center gap-1 self-start text-xs text-slate-500 hover:text-slate-700 hover:underline">
      <Download className="size-3" aria-hidden="true" />
      Download original
    </a>
  );
}
