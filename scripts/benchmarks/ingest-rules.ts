import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { fireRule } from "@/lib/automation/fire";
import { createRule } from "@/lib/automation/rules";
import type { cpuMeter } from "./proc-cpu";

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
type Cpu = ReturnType<Meter["read"]>;

/**
 * What the automation job does with the import's events: every pending event of the account
 * evaluated. Each firing is bracketed by a (cheap) CPU sample, so the firings' actions (an
 * add_label as a person would do it: transaction, activity message, events) are told apart from
 * the evaluation itself; the samples' own cost lands in the firings' share.
 */
export async function evaluateAllPending(db: Db, accountId: number, meter?: Meter, queries: () => number = () => 0) {
  meter?.rescan();
  const started = performance.now();
  const q0 = queries();
  const totals = { events: 0, fired: 0, firingCpu: 0, firingNodeCpu: 0, firingStatements: 0 };
  // CPU and statements of each step of a batch (claim, facts, judge, write), the firings left out.
  const steps: Record<string, { cpu: number; node: number; statements: number }> = {};
  let current: string | null = null;
  let mark = { cpu: meter?.sample() ?? { total: 0, node: 0 }, q: queries() };
  const charge = () => {
    const now = { cpu: meter?.sample() ?? { total: 0, node: 0 }, q: queries() };
    if (current) {
      const t = (steps[current] ??= { cpu: 0, node: 0, statements: 0 });
      t.cpu += now.cpu.total - mark.cpu.total;
      t.node += now.cpu.node - mark.cpu.node;
      t.statements += now.q - mark.q;
    }
    mark = now;
  };
  const fire: typeof fireRule = async (...args) => {
    charge();
    const before = mark;
    try {
      return await fireRule(...args);
    } finally {
      const after = { cpu: meter?.sample() ?? { total: 0, node: 0 }, q: queries() };
      totals.firingCpu += after.cpu.total - before.cpu.total;
      totals.firingNodeCpu += after.cpu.node - before.cpu.node;
      totals.firingStatements += after.q - before.q;
      mark = after;
    }
  };
  const step = (name: string) => {
    charge();
    current = name;
  };
  for (;;) {
    const r = await processPendingAutomationEvents(db, accountId, { maxRounds: 1000, fire, step });
    charge();
    current = null;
    totals.events += r.events;
    totals.fired += r.fired;
    if (r.events === 0) break;
  }
  return { ms: performance.now() - started, statements: queries() - q0, steps, ...totals };
}

const diff = (a: Cpu, b: Cpu): Cpu => ({ node: a.node - b.node, postgres: a.postgres - b.postgres, dovecot: a.dovecot - b.dovecot, total: a.total - b.total });
const s = (n: number) => n.toFixed(2);
const parts = (c: Cpu) => `${s(c.total)} s (node ${s(c.node)}, PostgreSQL ${s(c.postgres)}, Dovecot ${s(c.dovecot)})`;

export type RulesRun = {
  rules: boolean;
  wallMs: number;
  cpu: Cpu;
  evaluation?: { wallMs: number; cpu: Cpu; events: number; fired: number; firingCpu: number; firingNodeCpu: number; statements: number; firingStatements: number; steps: Awaited<ReturnType<typeof evaluateAllPending>>["steps"] };
  /** The background work the run left (VACUUM ANALYZE, CHECKPOINT), once per run whatever its phases. */
  settle: { wallMs: number; cpu: Cpu };
};

/**
 * The folder imported into fresh accounts without and with the rules, alternating A B B A (one
 * pair per two rounds) after the warm-up import the caller already did, so neither variant gets
 * the cold process or the later, larger tables to itself. The ratio is by CPU of every process
 * involved (wall time on a shared machine mostly measures the others' load), each run's
 * background work included.
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
   * autovacuum being off), once per run (its ANALYZE costs about the same whatever changed), so
   * that work counts for the run that caused it instead of landing at random in a later one.
   */
  settle?: () => Promise<void>;
}) {
  const { db, meter } = options;
  const runs: RulesRun[] = [];
  const timed = async (work: () => Promise<void>) => {
    const cpu0 = meter.read();
    const started = performance.now();
    await work();
    return { wallMs: performance.now() - started, cpu: diff(meter.read(), cpu0) };
  };
  for (let round = 0; round < options.rounds; round++) {
    for (const withRules of round % 2 === 0 ? [false, true] : [true, false]) {
      const { accountId, inboxId } = await options.newInbox(withRules);
      if (withRules) await createBenchRules(db, accountId, inboxId, options.rules);
      const imported = await timed(() => options.importInto(accountId, inboxId));
      let evaluation: RulesRun["evaluation"];
      if (withRules) {
        let e: Awaited<ReturnType<typeof evaluateAllPending>> | undefined;
        const t = await timed(async () => void (e = await evaluateAllPending(db, accountId, meter, options.queries)));
        const { events, fired, firingCpu, firingNodeCpu, statements, firingStatements, steps } = e!;
        evaluation = { ...t, events, fired, firingCpu, firingNodeCpu, statements, firingStatements, steps };
      }
      const settle = await timed(async () => await options.settle?.());
      const run: RulesRun = { rules: withRules, ...imported, evaluation, settle };
      runs.push(run);
      const name = `round ${round + 1}, ${withRules ? `${options.rules} rules` : "no rules"}`;
      console.log(`${name}: import ${s(run.wallMs / 1000)} s wall, CPU ${parts(run.cpu)}`);
      if (run.evaluation) {
        const e = run.evaluation;
        console.log(`${name}: evaluation of ${e.events} events (${e.fired} firings) ${s(e.wallMs / 1000)} s wall, CPU ${parts(e.cpu)}, of which the firings' actions ${s(e.firingCpu)} s (node ${s(e.firingNodeCpu)}); ${e.statements} statements (${e.firingStatements} in firings, their after-commit effects included)`);
        const shown = Object.entries(e.steps).map(([k, v]) => `${k} ${s(v.cpu)} s (node ${s(v.node)}, ${v.statements} statements)`);
        console.log(`${name}: evaluation by step, firings apart: ${shown.join("; ")}`);
      }
      console.log(`${name}: background work left (VACUUM ANALYZE, CHECKPOINT) ${s(settle.wallMs / 1000)} s wall, CPU ${parts(settle.cpu)}`);
    }
  }
  const sum = (list: RulesRun[], f: (r: RulesRun) => number) => list.reduce((n, r) => n + f(r), 0);
  const without = runs.filter((r) => !r.rules);
  const withRules = runs.filter((r) => r.rules);
  const base = sum(without, (r) => r.cpu.total + r.settle.cpu.total);
  const importCpu = sum(withRules, (r) => r.cpu.total);
  const evaluationCpu = sum(withRules, (r) => r.evaluation?.cpu.total ?? 0);
  const settleCpu = sum(withRules, (r) => r.settle.cpu.total);
  const firingCpu = sum(withRules, (r) => r.evaluation?.firingCpu ?? 0);
  const all = importCpu + evaluationCpu + settleCpu;
  const result = {
    rules: options.rules,
    rounds: options.rounds,
    events: withRules[0]?.evaluation?.events ?? 0,
    fired: withRules[0]?.evaluation?.fired ?? 0,
    cpu_no_rules_s: round2(sum(without, (r) => r.cpu.total) / without.length),
    cpu_no_rules_settle_s: round2(sum(without, (r) => r.settle.cpu.total) / without.length),
    cpu_import_s: round2(importCpu / withRules.length),
    cpu_evaluation_s: round2(evaluationCpu / withRules.length),
    cpu_settle_s: round2(settleCpu / withRules.length),
    cpu_firings_s: round2(firingCpu / withRules.length),
    /** The headline: everything the rules add (recording, evaluation, the firings' actions, the background work), by CPU. */
    cpu_ratio: round3(all / base),
    cpu_ratio_without_firings: round3((all - firingCpu) / base),
    wall_ratio: round3(sum(withRules, (r) => r.wallMs + (r.evaluation?.wallMs ?? 0) + r.settle.wallMs) / sum(without, (r) => r.wallMs + r.settle.wallMs)),
  };
  console.log(
    `RULES COST: with ${options.rules} active rules the import + evaluation takes ${result.cpu_ratio.toFixed(3)}x the CPU of the import without rules ` +
      `(${result.cpu_ratio_without_firings.toFixed(3)}x without the ${result.fired} firings' actions; wall ${result.wall_ratio.toFixed(3)}x), averages over ${without.length} + ${withRules.length} alternating imports: ` +
      `without rules ${s(result.cpu_no_rules_s)} s import + ${s(result.cpu_no_rules_settle_s)} s background; with rules ${s(result.cpu_import_s)} s import + ${s(result.cpu_evaluation_s)} s evaluation (firings ${s(result.cpu_firings_s)} s) + ${s(result.cpu_settle_s)} s background`,
  );
  return result;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
