import type postgres from "postgres";
import type { ReplayPlan } from "./replay";

/** EXPLAIN (ANALYZE, BUFFERS) of each recorded SELECT, to see why a request is slow. */
export async function explainPlan(sql: postgres.Sql, label: string, plan: ReplayPlan): Promise<string[]> {
  const lines: string[] = [];
  for (const wave of plan.waves) {
    for (const lane of wave.byConnection) {
      for (const s of lane.statements) {
        if (!/^\s*(select|with)\b/i.test(s.text)) continue;
        const rows = await sql.unsafe(`explain (analyze, buffers) ${s.text}`, s.params as postgres.ParameterOrJSON<never>[], { prepare: false });
        lines.push(`-- ${label}: ${s.text.replace(/\s+/g, " ").slice(0, 200)}`);
        for (const r of rows) lines.push(`   ${String(Object.values(r)[0])}`);
      }
    }
  }
  return lines;
}
