"use server";

import { z } from "zod";
import { muteConversation, unmuteConversation } from "@/lib/automation/mute";
import { executeMacro, createMacro, deleteMacro, listMacros, updateMacro, type MacroInput } from "@/lib/automation/macros";
import { createRule, deleteRule, updateRule, type RuleInput } from "@/lib/automation/rules";
import { dryRunRule, listRuleRuns } from "@/lib/automation/run-log";
import { serverAction } from "../action";

const id = z.number().int().positive();
// The domain validates a rule's and a macro's fields (lib/automation); here only their envelope.
const fields = z.record(z.string(), z.unknown());

/** Settings → Automation: save a rule (new or edited), switch it on or off, delete it. */
export const saveRuleAction = serverAction(z.object({ accountId: id, ruleId: id.optional(), rule: fields }), async ({ db, actor }, { accountId, ruleId, rule }) => {
  const saved = ruleId ? await updateRule(db, actor, accountId, ruleId, rule as Partial<RuleInput>) : await createRule(db, actor, accountId, rule as RuleInput);
  return { id: saved.id };
});

export const setRuleActiveAction = serverAction(z.object({ accountId: id, ruleId: id, active: z.boolean() }), async ({ db, actor }, { accountId, ruleId, active }) => {
  await updateRule(db, actor, accountId, ruleId, { active });
  return null;
});

export const deleteRuleAction = serverAction(z.object({ accountId: id, ruleId: id }), async ({ db, actor }, { accountId, ruleId }) => {
  await deleteRule(db, actor, accountId, ruleId);
  return null;
});

/** The rule's run log (reads only). */
export const ruleRunsAction = serverAction(
  z.object({ accountId: id, ruleId: id }),
  async ({ db, actor }, { accountId, ruleId }) => (await listRuleRuns(db, actor, accountId, ruleId)).map((r) => ({ eventId: r.eventId, outcome: r.outcome, summary: r.summary, at: r.createdAt.toISOString() })),
  { refresh: false },
);

/** Dry run of the saved rule, or of the conditions being edited (changes nothing). */
export const dryRunRuleAction = serverAction(
  z.object({ accountId: id, ruleId: id, conditionTree: fields.optional() }),
  async ({ db, actor }, { accountId, ruleId, conditionTree }) =>
    (await dryRunRule(db, actor, accountId, ruleId, conditionTree ? { condition_tree: conditionTree as never } : {})).map((d) => ({ ...d, happenedAt: d.happenedAt.toISOString() })),
  { refresh: false },
);

/** Settings → Macros. */
export const saveMacroAction = serverAction(z.object({ accountId: id, macroId: id.optional(), macro: fields }), async ({ db, actor }, { accountId, macroId, macro }) => {
  const saved = macroId ? await updateMacro(db, actor, accountId, macroId, macro as Partial<MacroInput>) : await createMacro(db, actor, accountId, macro as MacroInput);
  return { id: saved.id };
});

export const deleteMacroAction = serverAction(z.object({ accountId: id, macroId: id }), async ({ db, actor }, { accountId, macroId }) => {
  await deleteMacro(db, actor, accountId, macroId);
  return null;
});

/** The conversation's Macros menu: the macros the agent may run (read when the menu opens). */
export const listMacrosAction = serverAction(
  z.object({ accountId: id }),
  async ({ db, actor }, { accountId }) => (await listMacros(db, actor, accountId)).map((m) => ({ id: m.id, name: m.name, visibility: m.visibility, actions: m.actions.map((a) => a.action_name) })),
  { refresh: false },
);

/** Runs a macro on conversations (the open one, or a bulk selection); says what each action did. */
export const runMacroAction = serverAction(z.object({ accountId: id, macroId: id, displayIds: z.array(id).min(1).max(1000) }), async ({ db, actor }, { accountId, macroId, displayIds }) =>
  executeMacro(db, actor, accountId, macroId, { conversationIds: displayIds }),
);

/** The header's Mute / Unmute (Chatwoot's: block or unblock the conversation's contact). */
export const setMutedAction = serverAction(z.object({ accountId: id, displayId: id, muted: z.boolean() }), async ({ db, actor }, { accountId, displayId, muted }) => {
  await (muted ? muteConversation : unmuteConversation)(db, actor, accountId, displayId);
  return { muted };
});
