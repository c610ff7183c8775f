import { TZDate } from "@date-fns/tz";
import type { Schedule } from "@/lib/business-hours/schedule";

/**
 * SLA timers as pure functions of a policy, a conversation's facts and a clock, so the sweep,
 * applying a policy and the tests all count the same way.
 *
 * As Chatwoot: the first response and resolution clocks start when the conversation was created,
 * the next response clock when the customer started waiting (`waiting_since`) after a first
 * reply. With a schedule (the policy counts only business hours) a target of N seconds is N
 * seconds of the inbox's open time: nights, weekends and holidays do not count. Unlike Chatwoot
 * (whose SLA stays hit or missed for good once resolved), a reopened conversation runs its SLA
 * again: resolution and next response count from the reopening (SlaCycle).
 */
export type SlaTargets = { firstResponseSeconds: number | null; nextResponseSeconds: number | null; resolutionSeconds: number | null };
export type SlaKind = "frt" | "nrt" | "rt";
export type SlaOutcome = "hit" | "missed";
export type ConversationClock = {
  createdAt: Date;
  firstReplyCreatedAt: Date | null;
  waitingSince: Date | null;
  status: "open" | "pending" | "resolved" | "snoozed";
};

/** Days a deadline may be looked for ahead: a schedule with no open time at all has none. */
const MAX_DAYS = 3 * 366;

/**
 * The instant `ms` of business time after `from` (null when the schedule never opens within
 * MAX_DAYS). Without a schedule, plain time.
 */
export function addBusinessMillis(schedule: Schedule | null, from: Date, ms: number): Date | null {
  if (!schedule) return new Date(from.getTime() + ms);
  let left = ms;
  const start = from.getTime();
  let d = new TZDate(start, schedule.timeZone);
  for (let i = 0; i <= MAX_DAYS; i++) {
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    if (!schedule.holidays.includes(key)) {
      for (const r of schedule.days[d.getDay()]) {
        const open = Math.max(start, at(d, r.open, schedule.timeZone));
        const close = at(d, r.close, schedule.timeZone);
        if (close <= open) continue;
        // A zero target is due the moment the clock starts running.
        if (close - open >= left) return new Date(open + left);
        left -= close - open;
      }
    }
    // The next calendar day at noon (no DST edge), then its own ranges.
    d = new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 1, 12, 0, schedule.timeZone);
  }
  return null;
}

function at(day: TZDate, minutes: number, timeZone: string): number {
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
}

export type SlaState = {
  frtDueAt: Date | null;
  nrtDueAt: Date | null;
  rtDueAt: Date | null;
  outcomes: Partial<Record<SlaKind, SlaOutcome>>;
  /** Targets missed now, with the due time each missed (one breach per kind and due time). */
  missed: { kind: SlaKind; dueAt: Date }[];
  status: "active" | "hit" | "missed" | "active_with_misses";
  /** The earliest due time still running. */
  nextDueAt: Date | null;
};

/**
 * A conversation reopened after its SLA ended: `restartedAt` is when it reopened (the resolution
 * and next-response clocks count from then); `breached` says a target was missed before, so the
 * status keeps saying so (active_with_misses, then missed) whatever this round does.
 */
export type SlaCycle = { restartedAt: Date | null; breached: boolean };

/**
 * Where a conversation stands against a policy at `now`. `previous` is what was recorded so far:
 * an outcome, once recorded, stays (a first response missed stays missed after the reply).
 */
export function slaState(
  targets: SlaTargets,
  conversation: ConversationClock,
  schedule: Schedule | null,
  now: Date,
  previous: Partial<Record<SlaKind, SlaOutcome>> = {},
  cycle: SlaCycle = { restartedAt: null, breached: false },
): SlaState {
  const due = (from: Date, seconds: number | null) => (seconds === null ? null : addBusinessMillis(schedule, from, seconds * 1000));
  const t = now.getTime();
  const outcomes = { ...previous };
  const missed: SlaState["missed"] = [];
  const running: number[] = [];
  const resolved = conversation.status === "resolved";

  const frtDueAt = due(conversation.createdAt, targets.firstResponseSeconds);
  if (frtDueAt && !outcomes.frt) {
    const reply = conversation.firstReplyCreatedAt;
    if (reply && reply.getTime() <= frtDueAt.getTime()) outcomes.frt = "hit";
    else if (reply || t >= frtDueAt.getTime()) {
      outcomes.frt = "missed";
      missed.push({ kind: "frt", dueAt: frtDueAt });
    } else if (!resolved) running.push(frtDueAt.getTime());
  }

  // Next response: only once there was a first reply and the customer is waiting again.
  // After a reopening, a wait older than it (never cleared by the resolve) counts from the reopening.
  const waitStart = conversation.waitingSince && cycle.restartedAt && cycle.restartedAt > conversation.waitingSince ? cycle.restartedAt : conversation.waitingSince;
  const nrtDueAt = conversation.firstReplyCreatedAt && waitStart && !resolved ? due(waitStart, targets.nextResponseSeconds) : null;
  if (nrtDueAt) {
    if (t >= nrtDueAt.getTime()) {
      outcomes.nrt = "missed";
      missed.push({ kind: "nrt", dueAt: nrtDueAt });
    } else running.push(nrtDueAt.getTime());
  } else if (targets.nextResponseSeconds !== null && conversation.firstReplyCreatedAt && !outcomes.nrt) outcomes.nrt = "hit";

  const rtDueAt = due(cycle.restartedAt ?? conversation.createdAt, targets.resolutionSeconds);
  if (rtDueAt && !outcomes.rt) {
    if (resolved) outcomes.rt = "hit";
    else if (t >= rtDueAt.getTime()) {
      outcomes.rt = "missed";
      missed.push({ kind: "rt", dueAt: rtDueAt });
    } else running.push(rtDueAt.getTime());
  }

  const anyMissed = cycle.breached || Object.values(outcomes).includes("missed");
  const status = resolved ? (anyMissed ? "missed" : "hit") : anyMissed ? "active_with_misses" : "active";
  return { frtDueAt, nrtDueAt, rtDueAt, outcomes, missed, status, nextDueAt: running.length ? new Date(Math.min(...running)) : null };
}
