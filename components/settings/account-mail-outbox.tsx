import { DATE_TIME } from "@/components/format";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

type Item = { id: number; to: string; subject: string; text: string; createdAt: Date };

/** Invitations and password resets kept in the local outbox, with their text (and link) to pass on. */
export function AccountMailOutbox({ items }: { items: Item[] }) {
  if (items.length === 0) return null;
  return (
    <Card>
      <CardHeader
        title="Invitations and password resets"
        description="This account has no inbox with SMTP, so these were kept here instead of being emailed. Pass the link to the person it is for; each works once."
      />
      <ul className="divide-y divide-slate-100">
        {items.map((item) => (
          <li key={item.id} className="px-4 py-3 text-sm">
            <details>
              <summary className="cursor-pointer">
                <span className="font-medium text-slate-900">{item.subject}</span>
                <span className="ml-2 text-slate-600">to {item.to}</span>
                <span className="ml-2 text-xs text-slate-500">
                  <LocalTime date={item.createdAt} pattern={DATE_TIME} />
                </span>
              </summary>
              <pre className="mt-2 whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono text-xs text-slate-800">{item.text}</pre>
            </details>
          </li>
        ))}
      </ul>
    </Card>
  );
}
