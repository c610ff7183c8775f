import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { accountUsers, automationEvents, inboxMembers, slaEvents, type NotificationType } from "@/db/schema";
import { automationEventsPending } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { createLogger } from "@/lib/logger";
import { createNotification } from "@/lib/notifications/create-notification";
import type { SlaKind } from "./timers";

const log = createLogger("sla");

/** Chatwoot's notification kinds for a missed target. */
export const MISSED_NOTIFICATION: Record<SlaKind, NotificationType> = {
  frt: "sla_missed_first_response",
  nrt: "sla_missed_next_response",
  rt: "sla_missed_resolution",
};
export const KIND_NAME: Record<SlaKind, string> = { frt: "First response", nrt: "Next response", rt: "Resolution" };

export type BreachTarget = {
  accountId: number;
  appliedSlaId: number;
  slaPolicyId: number;
  policyName: string;
  conversation: { id: number; displayId: number; inboxId: number; assigneeId: number | null };
};

/**
 * Records one missed target: the SLA event (unique per applied SLA, kind and due time, so each
 * breach is handled once however many sweeps see it), then, only when it is new, a notification
 * to the assignee (or the inbox's administrators when nobody is assigned) and an `sla_breached`
 * automation event for rules. Returns whether it was new.
 */
export async function recordBreach(tx: Tx, afterCommit: AfterCommit, target: BreachTarget, kind: SlaKind, dueAt: Date): Promise<boolean> {
  const { accountId, conversation } = target;
  const [event] = await tx
    .insert(slaEvents)
    .values({
      accountId,
      appliedSlaId: target.appliedSlaId,
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      slaPolicyId: target.slaPolicyId,
      eventType: kind,
      dueAt,
    })
    .onConflictDoNothing()
    .returning({ id: slaEvents.id });
  if (!event) return false;

  const title = `${KIND_NAME[kind]} SLA missed on #${conversation.displayId}`;
  const body = `${target.policyName}: due ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  for (const userId of await recipients(tx, accountId, conversation)) {
    await createNotification(tx, afterCommit, {
      accountId,
      userId,
      notificationType: MISSED_NOTIFICATION[kind],
      conversation: { id: conversation.id, displayId: conversation.displayId },
      title,
      body,
    });
  }

  // Rules listening to "SLA breached" (lib/automation) evaluate it like any other event.
  const [raised] = await tx
    .insert(automationEvents)
    .values({
      accountId,
      eventKey: `sla:${target.appliedSlaId}:${target.slaPolicyId}:${kind}:${dueAt.getTime()}`,
      eventName: "sla_breached",
      conversationId: conversation.id,
      changedAttributes: { sla_missed: [null, kind], sla_policy_id: [null, target.slaPolicyId] },
    })
    .onConflictDoNothing()
    .returning({ id: automationEvents.id });
  if (raised) {
    afterCommit(() =>
      sendEvent(automationEventsPending.create({ accountId })).catch((error: unknown) =>
        // The automation sweep wakes accounts whose pending events are older than 30 s.
        log.warn("could not wake automation for an SLA breach", { accountId, error: String(error) }),
      ),
    );
  }
  return true;
}

/** The assignee; when nobody is assigned, the administrators who are members of the inbox (else every administrator). */
async function recipients(tx: Tx, accountId: number, conversation: BreachTarget["conversation"]): Promise<number[]> {
  if (conversation.assigneeId !== null) return [conversation.assigneeId];
  const admins = await tx
    .select({ userId: accountUsers.userId, member: sql<boolean>`${inboxMembers.userId} is not null` })
    .from(accountUsers)
    .leftJoin(
      inboxMembers,
      and(eq(inboxMembers.accountId, accountUsers.accountId), eq(inboxMembers.inboxId, conversation.inboxId), eq(inboxMembers.userId, accountUsers.userId)),
    )
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.role, "administrator")));
  const members = admins.filter((a) => a.member);
  return (members.length > 0 ? members : admins).map((a) => a.userId);
}
