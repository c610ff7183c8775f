import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { StoredAction } from "@/db/schema";
import { userActor, type Actor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { changeParticipants } from "@/lib/conversations/participants";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { updatePriority } from "@/lib/conversations/update-priority";
import { AppError, invalid } from "@/lib/errors";
import { changeConversationLabels } from "@/lib/labels/conversation-labels";
import { createMessage } from "@/lib/messages/create-message";
import { assignTeam } from "@/lib/teams/assign-team";
import { addSlaAction, checkAddSlaParams } from "@/lib/sla/automation";
import { MACRO_ACTIONS, RULE_ONLY_ACTIONS } from "./action-names";
import { filesToSend } from "./macro-files";
import { lastRespondingAgent } from "./last-responder";
import { muteConversation } from "./mute";
import { checkTeamMailParams, checkTranscriptParams, sendEmailToTeam, sendEmailTranscript } from "./mail-actions";
import { assignRoundRobin, sendWebhookEvent } from "./rule-actions";

/**
 * The actions of macros and rules, by Chatwoot's names (./action-names.ts), each done by the domain
 * function a person would use (so it is authorized for the acting agent on that conversation,
 * written to the activity log and published live). Params are Chatwoot's `action_params` list.
 */
export const RULE_ACTIONS = [...MACRO_ACTIONS, ...RULE_ONLY_ACTIONS] as const;
export type ActionName = (typeof RULE_ACTIONS)[number];

const param = z.union([z.string().max(20_000), z.number(), z.boolean(), z.null(), z.record(z.string(), z.unknown())]);

export function actionSchema(names: readonly string[]) {
  return z
    .object({
      action_name: z.string().refine((n) => names.includes(n), { message: "is not an action Postdesk knows" }),
      action_params: z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(param).max(100)),
    })
    .superRefine((a, ctx) => {
      const problem = checkParams(a.action_name, a.action_params);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["action_params"] });
    });
}

const first = (params: unknown[]) => (params.length > 0 ? params[0] : undefined);
const isNil = (v: unknown) => v === undefined || v === null || v === "nil" || v === "" || v === 0 || v === "0";
const STATUSES = ["open", "pending", "resolved", "snoozed"];
const PRIORITIES = ["urgent", "high", "medium", "low"];

function checkParams(name: string, params: unknown[]): string | null {
  const p = first(params);
  switch (name) {
    case "change_status":
      return STATUSES.includes(String(p)) ? null : "Status must be open, pending, resolved or snoozed";
    case "change_priority":
      return isNil(p) || PRIORITIES.includes(String(p)) ? null : "Priority must be urgent, high, medium, low or nil";
    case "send_message":
    case "add_private_note":
      return typeof p === "string" && p.trim() ? null : "The message can't be blank";
    case "add_label":
    case "remove_label":
      return params.length > 0 && params.every((t) => typeof t === "string") ? null : "Name at least one label";
    case "assign_agent":
      return isNil(p) || p === "last_responding_agent" || Number.isInteger(Number(p)) ? null : "Name an agent id, nil or last_responding_agent";
    case "assign_team":
      return isNil(p) || Number.isInteger(Number(p)) ? null : "Name a team id or nil";
    case "add_participant":
      return params.length > 0 && params.every((u) => Number.isInteger(Number(u))) ? null : "Name at least one agent id";
    case "send_email_transcript":
      return checkTranscriptParams(params);
    case "send_email_to_team":
      return checkTeamMailParams(params);
    case "send_webhook_event":
      return typeof p === "string" && /^https?:\/\//.test(p) ? null : "Give the webhook's URL";
    case "add_sla":
      return checkAddSlaParams(p);
    case "send_attachment":
      return params.length > 0 && params.every((id) => Number.isSafeInteger(Number(id)) && Number(id) > 0) ? null : "Upload the file to send";
    case "snooze_conversation":
      return p === undefined || p === null || !Number.isNaN(new Date(String(p)).getTime()) ? null : "Snooze until must be a date";
  }
  return null;
}

export type ActionContext = {
  /** Who acts on the conversation: the agent running a macro, or the system for a rule. */
  actor: Actor;
  /** Who writes messages: the agent running the macro, or the rule's author. */
  writerId: number | null;
  accountId: number;
  displayId: number;
  /** The rule's event, for what a webhook is told. */
  eventName?: string;
  /** The macro being run: send_attachment sends its files only. */
  macroId?: number;
  /** The rule firing: send_attachment sends its files only. */
  ruleId?: number;
};

export type ActionResult = { action: string; status: "done" | "failed" | "skipped"; detail?: string };

/**
 * Does one action; an expected refusal (not found, invalid) is an AppError, anything else a bug or
 * an outage. A string back says why nothing was done; `{ done }` says what was done, for the run log.
 */
export async function performAction(db: DbOrTx, ctx: ActionContext, action: StoredAction): Promise<string | { done: string } | undefined> {
  const params = action.action_params ?? [];
  const p = first(params);
  const { actor, accountId, displayId } = ctx;
  switch (action.action_name) {
    case "assign_agent": {
      if (isNil(p)) return void (await assignConversation(db, actor, accountId, displayId, { assigneeId: null }));
      const id = p === "last_responding_agent" ? await lastRespondingAgent(db, accountId, displayId) : Number(p);
      if (id === null) return "nobody has replied yet";
      return void (await assignConversation(db, actor, accountId, displayId, { assigneeId: id }));
    }
    case "assign_team":
      return void (await assignTeam(db, actor, accountId, displayId, { teamId: isNil(p) ? null : Number(p) }));
    case "remove_assigned_team":
      return void (await assignTeam(db, actor, accountId, displayId, { teamId: null }));
    // The action's result is not the conversation: its summary is read only when the live event needs it.
    case "add_label":
      return void (await changeConversationLabels(db, actor, accountId, displayId, { add: params.map(String) }, { returnSummary: false }));
    case "remove_label":
      return void (await changeConversationLabels(db, actor, accountId, displayId, { remove: params.map(String) }, { returnSummary: false }));
    case "change_status":
      return void (await toggleStatus(db, actor, accountId, displayId, { status: String(p) as "open" }));
    case "resolve_conversation":
      return void (await toggleStatus(db, actor, accountId, displayId, { status: "resolved" }));
    case "open_conversation":
      return void (await toggleStatus(db, actor, accountId, displayId, { status: "open" }));
    case "pending_conversation":
      return void (await toggleStatus(db, actor, accountId, displayId, { status: "pending" }));
    case "snooze_conversation":
      return void (await toggleStatus(db, actor, accountId, displayId, { status: "snoozed", snoozedUntil: p ? new Date(String(p)) : null }));
    case "change_priority":
      return void (await updatePriority(db, actor, accountId, displayId, { priority: isNil(p) ? null : (String(p) as "low") }));
    case "send_message":
    case "add_private_note": {
      const isNote = action.action_name === "add_private_note";
      // A reply needs a name to go out under; a rule writes as its author.
      const writer = ctx.writerId !== null ? userActor(ctx.writerId) : isNote ? actor : null;
      if (writer === null) throw invalid("This rule has no author to send the message as");
      return void (await createMessage(db, writer, accountId, displayId, { content: String(p), private: isNote }));
    }
    case "send_attachment": {
      // As Chatwoot: a reply with the files and no text, from the agent running the macro or in the rule author's name.
      const owner = ctx.macroId !== undefined ? ({ kind: "macro", id: ctx.macroId } as const) : ctx.ruleId !== undefined ? ({ kind: "rule", id: ctx.ruleId } as const) : null;
      if (owner === null) throw invalid("Only a macro or a rule sends its files");
      if (ctx.writerId === null) throw invalid(`This ${owner.kind} has no author to send the file as`);
      const files = await filesToSend(db, accountId, owner, params.map(Number));
      if (files.length === 0) throw invalid(`The ${owner.kind}'s file is no longer there: upload it again`);
      await createMessage(db, userActor(ctx.writerId), accountId, displayId, { content: "", private: false }, { files });
      return { done: `sent ${files.map((f) => f.filename).join(", ")}` };
    }
    case "add_participant":
      return void (await changeParticipants(db, actor, accountId, displayId, "add", { userIds: params.map(Number) }));
    case "send_email_transcript":
      return sendEmailTranscript(db, actor, accountId, displayId, params);
    case "send_email_to_team":
      return sendEmailToTeam(db, actor, accountId, displayId, params);
    case "mute_conversation":
      return muteConversation(db, actor, accountId, displayId);
    // Rule-only actions: the rule acts as the system (macros refuse these names when saved).
    case "assign_round_robin":
      if (actor.kind !== "system") break;
      return assignRoundRobin(db, accountId, displayId);
    case "send_webhook_event":
      if (actor.kind !== "system") break;
      return sendWebhookEvent(db, accountId, displayId, String(p), ctx.eventName ?? "automation");
    case "add_sla":
      if (actor.kind !== "system") break;
      return addSlaAction(db, actor, accountId, displayId, Number(p));
  }
  throw new AppError("invalid", `${action.action_name} is not an action Postdesk knows`);
}
