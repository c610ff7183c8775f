"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DISTRIBUTION_BUCKETS, channelLabel, type DistributionView } from "./distribution-view";

// Colours that pass WCAG's 3:1 for graphics on white (brand-700, teal-700, slate-600); each bar
// also carries its count, and the table under the chart says it all in words.
const COLOURS = ["#1c45c4", "#0f766e", "#475569"];

/**
 * The first-response-time distribution (Chatwoot's reports/first_response_time_distribution): one
 * bar per bucket and channel, its count written above it.
 */
export function ResponseDistributionChart({ view }: { view: DistributionView }) {
  const data = DISTRIBUTION_BUCKETS.map((b) => ({ bucket: b.key, label: b.label, ...Object.fromEntries(view.channels.map((c) => [c, view.counts[c]?.[b.key] ?? 0])) }));
  return (
    <div className="h-56 w-full" data-chart="first_response_time_distribution">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 20, right: 8, bottom: 0, left: 8 }} accessibilityLayer>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {view.channels.map((channel, i) => (
            <Bar key={channel} dataKey={channel} name={channelLabel(channel)} fill={COLOURS[i % COLOURS.length]} radius={[2, 2, 0, 0]} isAnimationActive={false}>
              <LabelList
                // The bucket travels with the count so each label can say which bar it counts.
                valueAccessor={(entry) => `${(entry.payload as { bucket: string }).bucket}|${String(entry.value)}`}
                content={(props) => {
                  const [bucket, count] = String(props.value).split("|");
                  // Centred above the bar (its rectangle is the label's view box).
                  const box = (props.viewBox ?? {}) as { x?: number; y?: number; width?: number };
                  const x = (box.x ?? 0) + (box.width ?? 0) / 2;
                  return (
                    <text x={x} y={(box.y ?? 0) - 4} textAnchor="middle" fontSize={11} fill="#334155" data-bar={`${channel}|${bucket}`}>
                      {count}
                    </text>
                  );
                }}
              />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
