import type { MetricKind } from "./format";
import type { ChartPoint } from "./metric-chart";
import { METRIC_NAMES } from "@/lib/reports/types";

/** One figure as the screen shows it: the average (or count), median and p90 of durations, how many events. */
export type FigureView = { value: number | null; median: number | null; p90: number | null; count: number };

/** One metric of a report, ready to show: its figures, the previous period's, its chart, and where its numbers lead. */
export type MetricView = {
  metric: string;
  label: string;
  kind: MetricKind;
  current: FigureView;
  previous: FigureView;
  /** The conversations behind the period's figure. */
  href: string;
  points: (ChartPoint & { href: string })[];
};

/** Chatwoot's metric names, as the screens call them (one list with the CSV's: lib/reports/types.ts). */
export const METRIC_LABELS: Record<string, string> = METRIC_NAMES;
