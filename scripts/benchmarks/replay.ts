import postgres from "postgres";
import type { RecordedStatement } from "./pg-wire-recorder";

/**
 * Re-issues the statements one API request ran, straight from postgres.js: the "bare query"
 * baseline. Statements that overlapped in the recording (the API's Promise.all) run concurrently
 * here too, each recorded connection on its own reserved connection, so the baseline has the
 * same shape as the request: same SQL, same parameters, same round trips.
 */
export type ReplayPlan = {
  statements: number;
  connections: number;
  /** Waves run one after another; inside a wave, each connection's statements run in order. */
  waves: { byConnection: { slot: number; statements: { text: string; params: (string | null)[]; tag: string }[] }[] }[];
};

export function planReplay(recorded: RecordedStatement[]): ReplayPlan {
  const slots = new Map<number, number>();
  const waves: ReplayPlan["waves"] = [];
  let waveEnd = -Infinity;
  for (const s of [...recorded].sort((a, b) => a.startedAt - b.startedAt)) {
    const slot = slots.get(s.connection) ?? slots.size;
    slots.set(s.connection, slot);
    if (waves.length === 0 || s.startedAt > waveEnd) {
      waves.push({ byConnection: [] });
      waveEnd = s.finishedAt;
    } else {
      waveEnd = Math.max(waveEnd, s.finishedAt);
    }
    const wave = waves[waves.length - 1];
    let lane = wave.byConnection.find((l) => l.slot === slot);
    if (!lane) wave.byConnection.push((lane = { slot, statements: [] }));
    lane.statements.push({ text: s.text, params: s.params, tag: s.tag });
  }
  return { statements: recorded.length, connections: slots.size, waves };
}

/** One line per statement, for the report: where the time of a request goes. */
export function describePlan(plan: ReplayPlan): string[] {
  return plan.waves.flatMap((wave, w) =>
    wave.byConnection.flatMap((lane) =>
      lane.statements.map((s) => `  wave ${w + 1} conn ${lane.slot + 1}: ${s.text.replace(/\s+/g, " ").slice(0, 160)}`),
    ),
  );
}

// Parameters come back as the text the server received; send them on as text, untouched
// (postgres.js would otherwise turn the string "t" into false for a boolean, re-quote JSON, ...).
// Results are parsed as postgres.js always does, so the baseline pays the same decoding cost.
const asText = (x: unknown) => (x === null || x === undefined ? x : String(x));
const passThrough = <T>(oids: number[], parse: (x: string) => T) => ({ to: oids[0], from: oids, serialize: asText, parse });

/** A postgres.js pool configured like the app's (prepared statements), passing text parameters through. */
export function createBareClient(url: string, max: number): postgres.Sql {
  return postgres(url, {
    max,
    prepare: true,
    onnotice: () => {},
    types: {
      textBool: passThrough([16], (x) => x === "t"),
      textJson: passThrough([114, 3802], (x) => JSON.parse(x) as unknown),
      textDate: passThrough([1184, 1082, 1114], (x) => new Date(x)),
      textBytea: passThrough([17], (x) => Buffer.from(x.slice(2), "hex")),
    },
  });
}

export type Replayer = { run: () => Promise<void>; release: () => void };

/**
 * Reserves one connection per recorded connection and checks, once, that every statement gives
 * the same command tag ("SELECT 25") as it gave the API: a baseline that returned nothing because
 * a parameter went astray would look fast and mean nothing.
 */
export async function prepareReplayer(sql: postgres.Sql, plan: ReplayPlan): Promise<Replayer> {
  const reserved = await Promise.all(Array.from({ length: Math.max(plan.connections, 1) }, () => sql.reserve()));
  const mismatches: string[] = [];
  const runWith = async (verify: boolean) => {
    for (const wave of plan.waves) {
      await Promise.all(
        wave.byConnection.map(async (lane) => {
          const conn = reserved[lane.slot];
          for (const s of lane.statements) {
            const result = await conn.unsafe(s.text, s.params as postgres.ParameterOrJSON<never>[], { prepare: true });
            const tag = `${result.command} ${result.count}`;
            if (verify && s.tag.startsWith("SELECT") && s.tag !== tag) mismatches.push(`"${tag}" instead of "${s.tag}" for ${s.text.slice(0, 120)}`);
          }
        }),
      );
    }
  };
  const release = () => reserved.forEach((r) => r.release());
  await runWith(true);
  if (mismatches.length > 0) {
    release();
    throw new Error(`the bare replay does not match the API's results: ${mismatches.join("; ")}`);
  }
  return { run: () => runWith(false), release };
}
