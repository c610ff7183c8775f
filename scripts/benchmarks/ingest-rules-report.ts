/**
 * The headline of `bench:ingest --rules N` from its rounds (ingest-rules.ts). Each round imports the
 * folder once without and once with the rules (alternating which goes first), so a round is a pair
 * measured a minute apart: its ratio is what the rules cost against the import next to it. The
 * imports' CPU moved by up to 25 % between rounds of one quiet run (13.9 and 10.9 s), more than
 * everything the rules add, so a ratio of averages was decided by one bad round; the median of the
 * pairs' ratios is not, and the spread beside it says how far to trust it.
 */

export type Cpu = { node: number; postgres: number; dovecot: number; total: number };

export type RulesRun = {
  rules: boolean;
  wallMs: number;
  cpu: Cpu;
  /** The import's recording of its rule events, replayed alone (ingest-recording.ts). */
  recording?: { cpu: Cpu; events: number; batches: number };
  evaluation?: {
    wallMs: number;
    cpu: Cpu;
    events: number;
    fired: number;
    statements: number;
    firingStatements: number;
    /** Only with --split-firings: each firing bracketed by a CPU sample. */
    firingCpu: number | null;
    firingNodeCpu: number | null;
    samples: number;
    steps: Record<string, { cpu: number; node: number; statements: number }>;
  };
  /** The background work the run left (VACUUM ANALYZE, CHECKPOINT), once per run whatever its phases. */
  settle: { wallMs: number; cpu: Cpu };
};

export const median = (list: number[]): number => {
  if (list.length === 0) return NaN;
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const s = (n: number) => n.toFixed(2);

/** What the rules' run costs in all: the import (recording its events), the evaluation (firings included), its background work. */
const withRulesCpu = (r: RulesRun) => r.cpu.total + (r.evaluation?.cpu.total ?? 0) + r.settle.cpu.total;
const withoutRulesCpu = (r: RulesRun) => r.cpu.total + r.settle.cpu.total;

/** Pairs each round's two runs (the caller alternates their order); a round cut short has none. */
export function pairsOf(runs: RulesRun[]): { without: RulesRun; with: RulesRun }[] {
  const pairs = [];
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const [a, b] = [runs[i], runs[i + 1]];
    if (a.rules !== b.rules) pairs.push(a.rules ? { without: b, with: a } : { without: a, with: b });
  }
  return pairs;
}

export function summarize(rules: number, runs: RulesRun[], sampleMs: number) {
  const pairs = pairsOf(runs);
  if (pairs.length === 0) throw new Error("no complete round: nothing to compare");
  const ratios = pairs.map((p) => withRulesCpu(p.with) / withoutRulesCpu(p.without));
  const split = pairs.every((p) => p.with.evaluation?.firingCpu !== null);
  const ratiosWithoutFirings = split ? pairs.map((p) => (withRulesCpu(p.with) - (p.with.evaluation?.firingCpu ?? 0)) / withoutRulesCpu(p.without)) : null;
  const evaluations = pairs.map((p) => p.with.evaluation?.cpu.total ?? 0);
  const firings = split ? pairs.map((p) => p.with.evaluation?.firingCpu ?? 0) : null;
  const samples = median(pairs.map((p) => p.with.evaluation?.samples ?? 0));
  const first = pairs[0].with.evaluation;
  const sum = (list: RulesRun[], f: (r: RulesRun) => number) => list.reduce((n, r) => n + f(r), 0);
  const withs = pairs.map((p) => p.with);
  const withouts = pairs.map((p) => p.without);
  const result = {
    rules,
    rounds: pairs.length,
    events: first?.events ?? 0,
    fired: first?.fired ?? 0,
    cpu_no_rules_s: round2(median(withouts.map((r) => r.cpu.total))),
    cpu_no_rules_settle_s: round2(median(withouts.map((r) => r.settle.cpu.total))),
    cpu_import_s: round2(median(withs.map((r) => r.cpu.total))),
    cpu_evaluation_s: round2(median(evaluations)),
    cpu_settle_s: round2(median(withs.map((r) => r.settle.cpu.total))),
    cpu_firings_s: firings ? round2(median(firings)) : null,
    evaluation_statements: median(withs.map((r) => r.evaluation?.statements ?? 0)),
    firing_statements: median(withs.map((r) => r.evaluation?.firingStatements ?? 0)),
    /** CPU samples taken during one evaluation and what they cost (node CPU, measured at the start): the bench's own work in the headline. */
    evaluation_samples: samples,
    evaluation_samples_cpu_s: round3((samples * sampleMs) / 1000),
    /** The headline: everything the rules add (recording, evaluation, the firings' actions, the background work), by CPU, median of the rounds' pairs. */
    cpu_ratio: round3(median(ratios)),
    cpu_ratio_min: round3(Math.min(...ratios)),
    cpu_ratio_max: round3(Math.max(...ratios)),
    cpu_ratios: ratios.map(round3),
    cpu_ratio_without_firings: ratiosWithoutFirings ? round3(median(ratiosWithoutFirings)) : null,
    /** The former headline, kept to compare with earlier runs: sum over the rounds with rules / sum without. */
    cpu_ratio_of_sums: round3(sum(withs, withRulesCpu) / sum(withouts, withoutRulesCpu)),
    /** What the rules add measured on their own (evaluation, median), against the import without rules (median): the import's spread only in the denominator. */
    cpu_evaluation_to_import: round3(median(evaluations) / median(withouts.map(withoutRulesCpu))),
    /** The recording (replayed alone) of the import with rules, median. */
    cpu_recording_s: round3(median(withs.map((r) => r.recording?.cpu.total ?? 0))),
    /**
     * Everything the rules add, each part measured on its own (the recording replayed, the
     * evaluation, the background work's difference within the pair), median of the pairs, against
     * the import without rules (median): the imports' spread only in the denominator.
     */
    cpu_ratio_direct: round3(1 + median(pairs.map((p) => (p.with.recording?.cpu.total ?? 0) + (p.with.evaluation?.cpu.total ?? 0) + p.with.settle.cpu.total - p.without.settle.cpu.total)) / median(withouts.map(withoutRulesCpu))),
    wall_ratio: round3(median(pairs.map((p) => (p.with.wallMs + (p.with.evaluation?.wallMs ?? 0) + p.with.settle.wallMs) / (p.without.wallMs + p.without.settle.wallMs)))),
  };
  console.log(`pairs (CPU s, without rules / with rules, ratio): ${pairs.map((p, i) => `${s(withoutRulesCpu(p.without))} / ${s(withRulesCpu(p.with))} = ${ratios[i].toFixed(3)}`).join("; ")}`);
  console.log(
    `RULES COST: with ${rules} active rules the import + evaluation takes ${result.cpu_ratio.toFixed(3)}x the CPU of the import without rules ` +
      `(median of ${pairs.length} alternating pairs, spread ${result.cpu_ratio_min.toFixed(3)}-${result.cpu_ratio_max.toFixed(3)}; ratio of sums ${result.cpu_ratio_of_sums.toFixed(3)}x; wall ${result.wall_ratio.toFixed(3)}x` +
      `${result.cpu_ratio_without_firings !== null ? `; ${result.cpu_ratio_without_firings.toFixed(3)}x without the ${result.fired} firings' actions` : ""}). ` +
      `Medians: without rules ${s(result.cpu_no_rules_s)} s import + ${s(result.cpu_no_rules_settle_s)} s background; with rules ${s(result.cpu_import_s)} s import + ${s(result.cpu_evaluation_s)} s evaluation` +
      `${result.cpu_firings_s !== null ? ` (firings ${s(result.cpu_firings_s)} s)` : ""} + ${s(result.cpu_settle_s)} s background; ` +
      `the evaluation alone is ${(result.cpu_evaluation_to_import * 100).toFixed(1)} % of the import; the bench's ${samples} CPU samples in it cost about ${s(result.evaluation_samples_cpu_s)} s`,
  );
  console.log(
    `RULES COST, each part measured on its own: recording ${s(result.cpu_recording_s)} s (replayed) + evaluation ${s(result.cpu_evaluation_s)} s + the background work's difference, ` +
      `against the import without rules: ${result.cpu_ratio_direct.toFixed(3)}x (median of ${pairs.length} pairs)`,
  );
  return result;
}
