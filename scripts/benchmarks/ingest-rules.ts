import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { fireRule } from "@/lib/automation/fire";
import { createRule } from "@/lib/automation/rules";
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import type { cpuMeter } from "./proc-cpu";
import { replayRecording } from "./ingest-recording";
import { summarize, type Cpu, type RulesRun } from "./ingest-rules-report";

/**
 * `bench:ingest --rules N`: N active automation rules on the account, as an administrator might
 * write them: each listens to message_created with three conditions (message type, inbox, content
 * contains a word), one of them matching mail about invoices and labelling it. The rest never match,
 * which is the common case and the one whose cost must stay small.
 */
export async function createBenchRules(db: Db, accountId: number, inboxId: number, count: number): Promise<void> {
  await db.insert(schema.labels).values({ accountId, title: "invoice" });
  for (let i = 0; i < count; i++) {
    await createRule(db, systemActor("bench"), accountId, {
      name: `Rule ${i}`,
      event_name: i % 5 === 4 ? "conversation_created" : "message_created",
      conditions: [
        { attribute_key: "message_type", filter_operator: "equal_to", values: ["incoming"], query_operator: "and" },
        { attribute_key: "inbox_id", filter_operator: "equal_to", values: [inboxId], query_operator: "and" },
        { attribute_key: "content", filter_operator: "contains", values: [i === 0 ? "invoice" : `zq${i}xv`], query_operator: null },
      ],
      actions: [{ action_name: "add_label", action_params: ["invoice"] }],
    });
  }
}

type Meter = ReturnType<typeof cpuMeter<"node" | "postgres" | "dovecot">>;

export type EvaluationMeasure = {
  meter?: Meter;
  /** Statements sent so far on the bench's pool. */
  queries?: () => number;
  /**
   * Brackets each firing with a CPU sample, to show the firings' actions apart. Off by default:
   * a sample reads /proc for every PostgreSQL backend, and two per firing landed in the headline.
   */
  splitFirings?: boolean;
  /** Writes a V8 CPU profile of this process over the evaluation to this file (a diagnosis: the profiler costs CPU too). */
  profileTo?: string;
  /** A diagnosis: matched rules are not fired (no actions, no run rows), to see the judging's own cost. */
  noFirings?: boolean;
};

/**
 * What the automation job does with the import's events: every pending event of the account
 * evaluated. The CPU is sampled as each step of a batch begins (claim, facts, judge, write: a few
 * samples per batch of 100 events); with `splitFirings`, around each firing too, so the firings'
 * actions (an add_label as a person would do it) are told apart from the evaluation itself.
 * Without it the firings' statements are still counted (a counter, no sample) and their CPU is in
 * `judge`.
 */
export async function evaluateAllPending(db: Db, accountId: number, measure: EvaluationMeasure = {}) {
  const { meter, queries = () => 0, splitFirings = false } = measure;
  meter?.rescan();
  const started = performance.now();
  const q0 = queries();
  const totals = { events: 0, fired: 0, firingCpu: 0, firingNodeCpu: 0, firingStatements: 0, samples: 0 };
  // CPU and statements of each step of a batch (claim, facts, judge, write), the firings apart when split.
  const steps: Record<string, { cpu: number; node: number; statements: number }> = {};
  let current: string | null = null;
  const sample = () => {
    if (!meter) return { total: 0, node: 0 };
    totals.samples += 1;
    return meter.sample();
  };
  let mark = { cpu: sample(), q: queries() };
  const charge = () => {
    const now = { cpu: sample(), q: queries() };
    if (current) {
      const t = (steps[current] ??= { cpu: 0, node: 0, statements: 0 });
      t.cpu += now.cpu.total - mark.cpu.total;
      t.node += now.cpu.node - mark.cpu.node;
      t.statements += now.q - mark.q;
    }
    mark = now;
  };
  const fire: typeof fireRule = async (...args) => {
    if (measure.noFirings) return false;
    const q = queries();
    if (!splitFirings) {
      try {
        return await fireRule(...args);
      } finally {
        totals.firingStatements += queries() - q;
      }
    }
    charge();
    const before = mark;
    try {
      return await fireRule(...args);
    } finally {
      const after = { cpu: sample(), q: queries() };
      totals.firingCpu += after.cpu.total - before.cpu.total;
      totals.firingNodeCpu += after.cpu.node - before.cpu.node;
      totals.firingStatements += after.q - q;
      mark = after;
    }
  };
  const step = (name: string) => {
    charge();
    current = name;
  };
  const profiler = measure.profileTo ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
    await profiler.post("Profiler.start");
  }
  try {
    for (;;) {
      const r = await processPendingAutomationEvents(db, accountId, { maxRounds: 1000, fire, step });
      charge();
      current = null;
      totals.events += r.events;
      totals.fired += r.fired;
      if (r.events === 0) break;
    }
  } finally {
    if (profiler && measure.profileTo) {
      const { profile } = await profiler.post("Profiler.stop");
      fs.mkdirSync(path.dirname(measure.profileTo), { recursive: true });
      fs.writeFileSync(measure.profileTo, JSON.stringify(profile));
      profiler.disconnect();
    }
  }
  const { firingCpu, firingNodeCpu, ...rest } = totals;
  return { ms: performance.now() - started, statements: queries() - q0, steps, ...rest, firingCpu: splitFirings ? firingCpu : null, firingNodeCpu: splitFirings ? firingNodeCpu : null };
}

const diff = (a: Cpu, b: Cpu): Cpu => ({ node: a.node - b.node, postgres: a.postgres - b.postgres, dovecot: a.dovecot - b.dovecot, total: a.total - b.total });
const s = (n: number) => n.toFixed(2);
const parts = (c: Cpu) => `${s(c.total)} s (node ${s(c.node)}, PostgreSQL ${s(c.postgres)}, Dovecot ${s(c.dovecot)})`;

/** Node CPU milliseconds of one cheap sample (the known processes' /proc stat files), the median of a few hundred. */
export function sampleCostMs(meter: Meter): number {
  const costs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const cpu = process.cpuUsage();
    for (let j = 0; j < 100; j++) meter.sample();
    const used = process.cpuUsage(cpu);
    costs.push((used.user + used.system) / 1000 / 100);
  }
  return costs.sort((a, b) => a - b)[2];
}

/**
 * The folder imported into fresh accounts without and with the rules, alternating A B B A (one
 * pair per round) after the warm-up import the caller already did, so neither variant gets the
 * cold process or the later, larger tables to itself. The ratio is by CPU of every process
 * involved (wall time on a shared machine mostly measures the others' load), each run's
 * background work included; the headline is the median of the rounds' ratios (ingest-rules-report.ts).
 */
export async function compareRules(options: {
  db: Db;
  rules: number;
  rounds: number;
  meter: Meter;
  /** A fresh account with an inbox on the same folder. */
  newInbox: (withRules: boolean) => Promise<{ accountId: number; inboxId: number }>;
  importInto: (accountId: number, inboxId: number) => Promise<void>;
  /** Statements sent so far on the bench's pool. */
  queries?: () => number;
  /**
   * Ends each run with the background work it left (ingest.ts: VACUUM ANALYZE and a CHECKPOINT,
   * autovacuum being off), once per run (its ANALYZE costs about the same
   * whatever changed), so that work counts for the run that caused it instead of landing at random
   * in a later one.
   */
  settle?: () => Promise<void>;
  /** A full garbage collection (ingest.ts: V8's gc, exposed). */
  collect?: () => void;
  splitFirings?: boolean;
  /** No round starts after this many milliseconds (the rounds done are reported). */
  budgetMs?: number;
  /** A V8 profile of each evaluation, written into this directory. */
  profileDir?: string;
  noFirings?: boolean;
}) {
  const { db, meter } = options;
  const runs: RulesRun[] = [];
  const sampleMs = sampleCostMs(meter);
  console.log(`one CPU sample (${["node", "postgres", "dovecot"].length} process trees' /proc stat files) costs ${sampleMs.toFixed(3)} ms of node CPU`);
  /** `collect`: the phase ends with a full garbage collection, charged to it (its garbage would otherwise be collected, and counted, in the next phase). */
  const timed = async (work: () => Promise<void>, collect = false) => {
    if (collect) options.collect?.();
    const cpu0 = meter.read();
    const started = performance.now();
    await work();
    if (collect) options.collect?.();
    return { wallMs: performance.now() - started, cpu: diff(meter.read(), cpu0) };
  };
  const began = performance.now();
  for (let round = 0; round < options.rounds; round++) {
    if (options.budgetMs !== undefined && performance.now() - began > options.budgetMs) {
      console.log(`time budget spent: ${round} of ${options.rounds} rounds done`);
      break;
    }
    for (const withRules of round % 2 === 0 ? [false, true] : [true, false]) {
      const { accountId, inboxId } = await options.newInbox(withRules);
      if (withRules) await createBenchRules(db, accountId, inboxId, options.rules);
      const imported = await timed(() => options.importInto(accountId, inboxId), true);
      let evaluation: RulesRun["evaluation"];
      // The recording inside that import, replayed on its own (ingest-recording.ts): unmetered work around it.
      const recording = withRules ? await replayRecording(db, accountId, meter) : undefined;
      if (withRules) {
        let e: Awaited<ReturnType<typeof evaluateAllPending>> | undefined;
        const profileTo = options.profileDir ? path.join(options.profileDir, `evaluation-round-${round + 1}.cpuprofile`) : undefined;
        const t = await timed(async () => void (e = await evaluateAllPending(db, accountId, { meter, queries: options.queries, splitFirings: options.splitFirings, profileTo, noFirings: options.noFirings })), true);
        const { events, fired, firingCpu, firingNodeCpu, statements, firingStatements, steps, samples } = e!;
        evaluation = { ...t, events, fired, firingCpu, firingNodeCpu, statements, firingStatements, steps, samples };
      }
      const settle = await timed(async () => await options.settle?.());
      const run: RulesRun = { rules: withRules, ...imported, recording, evaluation, settle };
      runs.push(run);
      const name = `round ${round + 1}, ${withRules ? `${options.rules} rules` : "no rules"}`;
      console.log(`${name}: import ${s(run.wallMs / 1000)} s wall, CPU ${parts(run.cpu)}`);
      if (recording) console.log(`${name}: its recording of ${recording.events} rule events in ${recording.batches} batches, replayed alone: CPU ${parts(recording.cpu)}`);
      if (run.evaluation) {
        const e = run.evaluation;
        const firings = e.firingCpu !== null ? `, of which the firings' actions ${s(e.firingCpu)} s (node ${s(e.firingNodeCpu ?? 0)})` : "";
        console.log(`${name}: evaluation of ${e.events} events (${e.fired} firings) ${s(e.wallMs / 1000)} s wall, CPU ${parts(e.cpu)}${firings}; ${e.statements} statements (${e.firingStatements} in firings, their after-commit effects included); ${e.samples} CPU samples`);
        const shown = Object.entries(e.steps).map(([k, v]) => `${k} ${s(v.cpu)} s (node ${s(v.node)}, ${v.statements} statements)`);
        console.log(`${name}: evaluation by step, ${e.firingCpu !== null ? "firings apart" : "firings in judge (--split-firings to show them apart)"}: ${shown.join("; ")}`);
      }
      console.log(`${name}: background work left (VACUUM ANALYZE, CHECKPOINT) ${s(settle.wallMs / 1000)} s wall, CPU ${parts(settle.cpu)}`);
    }
  }
  if (options.noFirings) console.log("--no-firings: matched rules were not fired (no actions, no run rows): the ratio below is a diagnosis, not the headline");
  return summarize(options.rules, runs, sampleMs);
}
