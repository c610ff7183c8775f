import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { IntegrationDelivery } from "@/db/schema";
import type { IntegrationEventName } from "../events";

/**
 * The extension point of the delivery pipeline (lib/integrations/README.md): each kind of target
 * that receives signed events — account webhooks, API-channel callback URLs, agent bots — says
 * which of its targets want an event, where and how to send to one, and what to do when a
 * delivery failed for good. The pipeline (fan-out, attempts, log, redeliver) is shared.
 */
export type TargetType = "webhook" | "api_inbox" | "agent_bot";

export type EventContext = {
  accountId: number;
  event: IntegrationEventName;
  /** The event's inbox; null for account-wide events (contacts). */
  inboxId: number | null;
  conversationId: number | null;
};

export type ResolvedTarget = {
  url: string;
  /** Valid signing secrets, newest first (two during a rotation's overlap); none: unsigned. */
  secrets: string[];
  /** A disabled target is not sent to: its pending deliveries fail with this reason. */
  disabledReason?: string | null;
  /** Delays between attempts, if not the default schedule (delivery/timing.ts). */
  retryDelaysMs?: readonly number[];
  /**
   * Its last attempts failed (a webhook's failing streak). The first attempt of a delivery is made
   * inside the event's fan-out only for targets that are not failing; a failing one gets its own
   * run, so a receiver that hangs never holds up the conversation's other targets.
   */
  isFailing?: boolean;
};

/** A target that wants an event: its id, or its id and where to send when the query had it at hand. */
export type TargetMatch = number | { id: number; target: ResolvedTarget | null };

export type TargetKind = {
  type: TargetType;
  /**
   * The account's targets of this kind, as a query not yet run: `accountHasAnyTargets` asks
   * `exists (…)` of every kind in one statement. An account without any target skips the fan-out
   * job entirely, so integrations cost nothing until they are set up.
   */
  anyTarget: (db: DbOrTx, accountId: number) => SQLWrapper;
  /**
   * This kind's targets that want this event (ids, or ids with their resolved target: one query
   * less). Asked once per (account, event, inbox) for a batch of events: it must not select by
   * `conversationId`.
   */
  targetsFor: (db: DbOrTx, context: EventContext) => Promise<TargetMatch[]>;
  /** Where and how to send; null when the target is gone. */
  resolve: (db: DbOrTx, accountId: number, targetId: number) => Promise<ResolvedTarget | null>;
  /** A delivery failed for good (retries exhausted, or a final 4xx). Bots hand off here. */
  onFinalFailure?: (db: DbOrTx, delivery: IntegrationDelivery, reason: string) => Promise<void>;
  /** One attempt failed (the delivery may still be retried). */
  onAttemptFailed?: (db: DbOrTx, delivery: IntegrationDelivery) => Promise<void>;
  /** A delivery was accepted (webhooks clear their failing streak); `target` as resolved for the attempt. */
  onSuccess?: (db: DbOrTx, delivery: IntegrationDelivery, target: ResolvedTarget) => Promise<void>;
};

const holder = globalThis as unknown as { __postdeskTargetKinds?: Map<TargetType, TargetKind> };
const kinds = (holder.__postdeskTargetKinds ??= new Map());

/** Registers (or replaces) a target kind; called once per kind from targets/index.ts. */
export function registerTargetKind(kind: TargetKind): void {
  kinds.set(kind.type, kind);
}

export function targetKinds(): TargetKind[] {
  return [...kinds.values()];
}

/**
 * Whether the account has any integration target of any kind: one statement (it is asked for
 * every change and every imported message). Never cached across commits: a webhook created a
 * moment ago hears the next change.
 */
export async function accountHasAnyTargets(db: DbOrTx, accountId: number): Promise<boolean> {
  if (kinds.size === 0) return false;
  const [row] = await db.execute<{ any: boolean }>(sql`select ${anyTargetSql(db, accountId)} as "any"`);
  return row?.any === true;
}

/** The same question as a boolean expression, for a statement that asks it along with its own work. */
export function anyTargetSql(db: DbOrTx, accountId: number): SQL {
  if (kinds.size === 0) return sql`false`;
  return sql`(${sql.join([...kinds.values()].map((kind) => sql`exists (${kind.anyTarget(db, accountId)})`), sql` or `)})`;
}

export function targetKind(type: string): TargetKind | undefined {
  return kinds.get(type as TargetType);
}
