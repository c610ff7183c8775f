import Link from "next/link";
import { formatChange, formatValue } from "./format";
import { MetricChart } from "./metric-chart";
import type { MetricView } from "./metric-view";

const link = "text-brand-700 underline-offset-2 hover:underline";

/**
 * The metric cards: the period's figure (average for durations, with median and p90 beside it;
 * the count for counts), the change against the previous period, each number a link to the
 * conversations behind it.
 */
export function MetricCards({ metrics }: { metrics: MetricView[] }) {
  return (
    <ul aria-label="Metrics" className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {metrics.map((m) => (
        <li key={m.metric} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs" data-metric={m.metric}>
          <h3 className="text-sm text-slate-600">{m.label}</h3>
          <p className="mt-1 text-2xl font-semibold tabular-nums">
            <Link href={m.href} className={link} aria-label={`${m.label}: ${formatValue(m.kind, m.current.value)}${m.kind === "duration" ? " on average" : ""}, see the conversations`} data-figure="value">
              {formatValue(m.kind, m.current.value)}
            </Link>
          </p>
          {m.kind === "duration" ? (
            <p className="mt-0.5 text-xs text-slate-600 tabular-nums">
              Median <span data-figure="median">{formatValue(m.kind, m.current.median)}</span> · p90{" "}
              <span data-figure="p90">{formatValue(m.kind, m.current.p90)}</span>
            </p>
          ) : null}
          <p className="mt-0.5 text-xs text-slate-500">
            <span data-figure="change">{formatChange(m.current.value, m.previous.value)}</span> vs previous period ({formatValue(m.kind, m.previous.value)})
          </p>
        </li>
      ))}
    </ul>
  );
}

/**
 * One chart per metric with its text alternative: the same points as a table (each value a link
 * to that bucket's conversations), folded under the chart.
 */
export function MetricCharts({ metrics }: { metrics: MetricView[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {metrics.map((m) => (
        <figure key={m.metric} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
          <figcaption className="mb-2 text-sm font-semibold text-slate-800">{m.label}</figcaption>
          <MetricChart title={m.label} kind={m.kind} points={m.points.map(({ label, value, median, p90, href }) => ({ label, value, median, p90, ...(value ? { href } : {}) }))} />
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-600">{m.label} as a table</summary>
            <table className="mt-2 w-full text-left text-sm" data-figures={m.metric}>
              <thead className="text-xs text-slate-600">
                <tr>
                  <th scope="col" className="py-1">
                    Period
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {m.kind === "duration" ? "Average" : m.label}
                  </th>
                  {m.kind === "duration" ? (
                    <>
                      <th scope="col" className="py-1 text-right">
                        Median
                      </th>
                      <th scope="col" className="py-1 text-right">
                        p90
                      </th>
                    </>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {m.points.map((p) => (
                  <tr key={p.label}>
                    <th scope="row" className="py-1 font-normal">
                      {p.label}
                    </th>
                    <td className="py-1 text-right tabular-nums">
                      {p.value === null || p.value === 0 ? formatValue(m.kind, p.value) : <Link href={p.href} className={link}>{formatValue(m.kind, p.value)}</Link>}
                    </td>
                    {m.kind === "duration" ? (
                      <>
                        <td className="py-1 text-right tabular-nums">{formatValue(m.kind, p.median)}</td>
                        <td className="py-1 text-right tabular-nums">{formatValue(m.kind, p.p90)}</td>
                      </>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
      ))}
    </div>
  );
}
