import type { DeliveryLogEntry } from "@/lib/integrations/delivery/log";
import { DATE_TIME } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { RedeliverButton } from "./webhook-actions";

const statusTone = { succeeded: "green", failed: "red", pending: "amber", delivering: "blue" } as const;
const statusWord = { succeeded: "Delivered", failed: "Failed", pending: "Retrying", delivering: "Sending" } as const;

/** The delivery log of one webhook: each delivery with its attempts. */
export function DeliveryLog({ accountId, webhookId, deliveries }: { accountId: number; webhookId: number; deliveries: DeliveryLogEntry[] }) {
  if (deliveries.length === 0) return <EmptyState title="No deliveries yet" />;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Deliveries">
      {deliveries.map((d) => (
        <li key={d.id} className="px-5 py-3" data-delivery-id={d.deliveryId}>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={statusTone[d.status]}>{statusWord[d.status]}</Badge>
            <span className="font-mono text-sm text-slate-800">{d.event}</span>
            <span className="font-mono text-xs text-slate-400">{d.deliveryId}</span>
            <span className="text-xs text-slate-500">
              <LocalTime date={d.createdAt} pattern={DATE_TIME} />
            </span>
            <span className="flex-1" />
            {d.status === "failed" || d.status === "succeeded" ? <RedeliverButton accountId={accountId} webhookId={webhookId} deliveryRowId={d.id} /> : null}
          </div>
          {d.status === "pending" && d.nextAttemptAt ? (
            <p className="mt-1 text-xs text-amber-800">
              Next attempt <LocalTime date={d.nextAttemptAt} pattern={DATE_TIME} />
            </p>
          ) : null}
          <table className="mt-2 w-full text-left text-xs">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Attempt</th>
                <th scope="col" className="py-1 pr-3 font-medium">Time</th>
                <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                <th scope="col" className="py-1 pr-3 font-medium">Latency</th>
                <th scope="col" className="py-1 font-medium">Answer / error</th>
              </tr>
            </thead>
            <tbody>
              {d.attemptLog.map((a) => (
                <tr key={a.attempt} className={a.succeeded ? "text-slate-700" : "text-red-800"}>
                  <td className="py-1 pr-3">{a.attempt}</td>
                  <td className="py-1 pr-3">
                    <LocalTime date={a.startedAt} pattern={DATE_TIME} />
                  </td>
                  <td className="py-1 pr-3">{a.statusCode ?? "—"}</td>
                  <td className="py-1 pr-3">{a.latencyMs} ms</td>
                  <td className="py-1 break-all">
                    {a.error ? <span className="block">{a.error}</span> : null}
                    {a.responseExcerpt ? <code className="block text-slate-500">{a.responseExcerpt.slice(0, 300)}</code> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ul>
  );
}
