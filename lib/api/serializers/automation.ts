import type { AutomationRule } from "@/db/schema";
import type { MacroFileInfo } from "@/lib/automation/macro-files";
import { macroFileUrl } from "@/lib/automation/macro-files";
import type { MacroAuthor, MacroDetails } from "@/lib/automation/macros";
import { appUrl } from "@/lib/env";
import type { RuleRunView, DryRunResult } from "@/lib/automation/run-log";

const author = (accountId: number, a: MacroAuthor) => ({
  id: a.id,
  account_id: accountId,
  available_name: a.displayName || a.name,
  name: a.name,
  email: a.email,
  role: a.role,
  thumbnail: "",
});

/** A file of a macro or rule as Chatwoot lists it (its `file_base_data`, whose `automation_rule_id` is the owner's id). */
export const serializeMacroFile = (accountId: number, macroId: number | null, f: MacroFileInfo) => ({
  id: f.id,
  automation_rule_id: macroId,
  file_type: f.contentType,
  account_id: accountId,
  file_url: `${appUrl()}${macroFileUrl(accountId, f.id)}`,
  blob_id: f.id,
  filename: f.fileName,
});

/** Chatwoot's macro JSON (with `files` when its send_attachment actions keep some). */
export const serializeMacro = (m: MacroDetails) => ({
  id: m.id,
  name: m.name,
  visibility: m.visibility,
  ...(m.createdBy ? { created_by: author(m.accountId, m.createdBy) } : {}),
  ...(m.updatedBy ? { updated_by: author(m.accountId, m.updatedBy) } : {}),
  account_id: m.accountId,
  actions: m.actions,
  ...(m.files.length > 0 ? { files: m.files.map((f) => serializeMacroFile(m.accountId, m.id, f)) } : {}),
});

/**
 * Chatwoot's automation rule JSON, plus what Postdesk adds (clients that do not know them ignore
 * them): the nested `condition_tree`, the time threshold and the rule's failures.
 */
export const serializeRule = (r: AutomationRule, files: readonly MacroFileInfo[] = []) => ({
  id: r.id,
  account_id: r.accountId,
  name: r.name,
  description: r.description,
  event_name: r.eventName,
  conditions: r.conditions,
  actions: r.actions,
  created_on: Math.floor(r.createdAt.getTime() / 1000),
  active: r.active,
  condition_tree: r.conditionTree,
  time_threshold_minutes: r.thresholdMinutes,
  failure_count: r.failureCount,
  last_error: r.lastError,
  last_error_at: r.lastErrorAt ? Math.floor(r.lastErrorAt.getTime() / 1000) : null,
  // As Chatwoot: the files of its send_attachment actions, only when it keeps some.
  ...(files.length > 0 ? { files: files.map((f) => serializeMacroFile(r.accountId, r.id, f)) } : {}),
});

export const serializeRun = (r: RuleRunView) => ({
  id: r.id,
  rule_id: r.ruleId,
  event_id: r.eventId,
  conversation_id: r.displayId,
  outcome: r.outcome,
  reason: r.reason,
  actions: r.actions,
  summary: r.summary,
  created_at: Math.floor(r.createdAt.getTime() / 1000),
});

export const serializeDryRun = (d: DryRunResult) => ({
  event_id: d.eventId,
  event_name: d.eventName,
  conversation_id: d.displayId,
  would_fire: d.wouldFire,
  explanation: d.explanation,
  happened_at: Math.floor(d.happenedAt.getTime() / 1000),
});
