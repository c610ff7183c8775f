/**
 * Order statistics over sorted runs (each Float64Array ascending) without merging or sorting
 * them: a selection that narrows a window in every run around a pivot, the weighted median of the
 * windows' middle values, so each round drops at least a quarter of what is left (a few dozen
 * rounds for a million values over thousands of runs). Values are durations: no NaN.
 */

/** The value of rank k (0-based) among all the runs' values. */
export function kthOfRuns(runs: readonly Float64Array[], k: number): number {
  const lo = new Int32Array(runs.length);
  const hi = Int32Array.from(runs, (r) => r.length);
  let active = runs.map((_, i) => i).filter((i) => hi[i] > 0);
  for (;;) {
    // One run left (a day bucket's single daily run, or the selection narrowed to one): its rank.
    if (active.length === 1) return runs[active[0]][lo[active[0]] + k];
    let remaining = 0;
    for (const i of active) remaining += hi[i] - lo[i];
    if (remaining <= 64) {
      const rest: number[] = [];
      for (const i of active) for (let j = lo[i]; j < hi[i]; j++) rest.push(runs[i][j]);
      return rest.sort((a, b) => a - b)[k];
    }
    const pivot = weightedMedianOfMiddles(runs, active, lo, hi, remaining);
    let below = 0;
    let equal = 0;
    const lt = new Int32Array(runs.length);
    const le = new Int32Array(runs.length);
    for (const i of active) {
      lt[i] = lowerBound(runs[i], pivot, lo[i], hi[i]);
      le[i] = upperBound(runs[i], pivot, lt[i], hi[i]);
      below += lt[i] - lo[i];
      equal += le[i] - lt[i];
    }
    if (k < below) for (const i of active) hi[i] = lt[i];
    else if (k < below + equal) return pivot;
    else {
      k -= below + equal;
      for (const i of active) lo[i] = le[i];
    }
    active = active.filter((i) => hi[i] > lo[i]);
  }
}

/** percentile_cont(p) over the runs: PostgreSQL's first/second row and lerp, to the same bits. */
export function percentileOfRuns(runs: readonly Float64Array[], p: number): number | null {
  const n = runs.reduce((sum, r) => sum + r.length, 0);
  if (n === 0) return null;
  const position = p * (n - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  const a = kthOfRuns(runs, first);
  if (first === second) return a;
  // The next rank's value: a again while a repeats, else the smallest value above a.
  let atMost = 0;
  let next = Infinity;
  for (const r of runs) {
    const j = upperBound(r, a, 0, r.length);
    atMost += j;
    if (j < r.length && r[j] < next) next = r[j];
  }
  const b = atMost > second ? a : next;
  return a + (b - a) * (position - first);
}

function weightedMedianOfMiddles(runs: readonly Float64Array[], active: number[], lo: Int32Array, hi: Int32Array, remaining: number): number {
  const middles = active.map((i) => ({ value: runs[i][(lo[i] + hi[i]) >> 1], weight: hi[i] - lo[i] }));
  middles.sort((x, y) => x.value - y.value);
  let sum = 0;
  for (const m of middles) {
    sum += m.weight;
    if (sum * 2 >= remaining) return m.value;
  }
  return middles[middles.length - 1].value;
}

/** The first index in [from, to) whose value is >= v. */
function lowerBound(run: Float64Array, v: number, from: number, to: number): number {
  while (from < to) {
    const mid = (from + to) >> 1;
    if (run[mid] < v) from = mid + 1;
    else to = mid;
  }
  return from;
}

/** The first index in [from, to) whose value is > v. */
function upperBound(run: Float64Array, v: number, from: number, to: number): number {
  while (from < to) {
    const mid = (from + to) >> 1;
    if (run[mid] <= v) from = mid + 1;
    else to = mid;
  }
  return from;
}
