"use client";

import { useRouter } from "next/navigation";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type MetricKind } from "./format";

/** `href`: the bucket's conversations (absent when it has none). */
export type ChartPoint = { label: string; value: number | null; median: number | null; p90: number | null; href?: string };

/**
 * One metric over the period, from recharts: counts as bars; durations as three lines — the
 * average solid, the median dashed, the 90th percentile dotted — so they read apart without
 * colour (and the legend names them). Colours pass WCAG's 3:1 for graphics on white (brand-700
 * #1c45c4, teal-700 #0f766e, slate-600 #475569). The text alternative is the table under it,
 * whose values are links; a click on a bucket opens the same conversations.
 */
export function MetricChart({ title, kind, points }: { title: string; kind: MetricKind; points: ChartPoint[] }) {
  const router = useRouter();
  const format = (v: unknown) => formatValue(kind, typeof v === "number" ? v : null);
  return (
    <div className="h-56 w-full" data-chart={title}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          accessibilityLayer
          className="cursor-pointer"
          onClick={(state) => {
            const href = typeof state.activeTooltipIndex === "number" || typeof state.activeTooltipIndex === "string" ? points[Number(state.activeTooltipIndex)]?.href : undefined;
            if (href) router.push(href);
          }}
        >
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={16} />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} width={kind === "duration" ? 72 : 40} tickFormatter={format} allowDecimals={false} />
          <Tooltip formatter={(value, name) => [format(value), name]} />
          {kind === "count" ? (
            <Bar dataKey="value" name={title} fill="#1c45c4" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          ) : (
            <>
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Line dataKey="value" name="Average" stroke="#1c45c4" strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
              <Line dataKey="median" name="Median" stroke="#0f766e" strokeWidth={2} strokeDasharray="6 4" dot={false} connectNulls isAnimationActive={false} />
              <Line dataKey="p90" name="90th percentile" stroke="#475569" strokeWidth={2} strokeDasharray="2 3" dot={false} connectNulls isAnimationActive={false} />
            </>
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
