/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), evaluated in UTC:
 * `*`, numbers, ranges `a-b`, lists `a,b`, steps `* /n` and `a-b/n`. Enough for the schedules our
 * functions declare; Inngest itself evaluates them when it is configured.
 */
const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 7 }, // 0 and 7 are both Sunday
] as const;

export type CronSchedule = { fields: Set<number>[]; dayOfMonthAny: boolean; dayOfWeekAny: boolean };

function parseField(text: string, { min, max }: { min: number; max: number }): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number;
    let to: number;
    if (range === "*") [from, to] = [min, max];
    else if (range.includes("-")) [from, to] = range.split("-").map(Number) as [number, number];
    else [from, to] = [Number(range), stepText === undefined ? Number(range) : max];
    if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max || from > to) {
      throw new Error(`Invalid cron field "${text}"`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron "${expression}" must have five fields`);
  const fields = parts.map((p, i) => parseField(p, FIELDS[i]));
  if (fields[4].has(7)) fields[4].add(0);
  return { fields, dayOfMonthAny: parts[2] === "*", dayOfWeekAny: parts[4] === "*" };
}

/** Whether the schedule fires in the minute that contains `at` (UTC). */
export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = schedule.fields;
  if (!minute.has(at.getUTCMinutes()) || !hour.has(at.getUTCHours()) || !month.has(at.getUTCMonth() + 1)) return false;
  const domMatch = dayOfMonth.has(at.getUTCDate());
  const dowMatch = dayOfWeek.has(at.getUTCDay());
  // Classic cron: when both day fields are restricted, either may match.
  if (!schedule.dayOfMonthAny && !schedule.dayOfWeekAny) return domMatch || dowMatch;
  return domMatch && dowMatch;
}
