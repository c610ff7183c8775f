import { DISTRIBUTION_BUCKETS, channelLabel, type DistributionView } from "./distribution-view";
import { ResponseDistributionChart } from "./response-distribution";

/**
 * How long customers waited for a first answer, in Chatwoot's buckets per channel, for the
 * overview's period, hours and time zone. The table is the chart's text alternative.
 */
export function FirstResponseDistribution({ view, businessHours }: { view: DistributionView; businessHours: boolean }) {
  const title = "First response time distribution";
  const total = (bucket: string) => view.channels.reduce((sum, c) => sum + (view.counts[c]?.[bucket] ?? 0), 0);
  return (
    <figure aria-labelledby="first-response-distribution" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <figcaption id="first-response-distribution" className="mb-2 text-sm font-semibold text-slate-800">
        {title}
        <span className="font-normal text-slate-500"> · first responses by how long they took{businessHours ? " (business hours)" : ""}</span>
      </figcaption>
      {view.channels.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">No first responses in this period.</p>
      ) : (
        <ResponseDistributionChart view={view} />
      )}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">{title} as a table</summary>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className="py-1">
                First response within
              </th>
              {view.channels.map((c) => (
                <th key={c} scope="col" className="py-1 text-right">
                  {channelLabel(c)}
                </th>
              ))}
              <th scope="col" className="py-1 text-right">
                All channels
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {DISTRIBUTION_BUCKETS.map((b) => (
              <tr key={b.key}>
                <th scope="row" className="py-1 font-normal">
                  {b.label}
                </th>
                {view.channels.map((c) => (
                  <td key={c} className="py-1 text-right tabular-nums" data-cell={`${c}|${b.key}`}>
                    {view.counts[c]?.[b.key] ?? 0}
                  </td>
                ))}
                <td className="py-1 text-right tabular-nums" data-total={b.key}>
                  {total(b.key)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
