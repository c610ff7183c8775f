import { z } from "zod";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

// The domain validates the fields (lib/automation/rules.ts, macros.ts); here only the shape of the body.
const anyObject = z.record(z.string(), z.unknown());
const ruleBody = wrappedBody("automation_rule", anyObject);
const macroBody = wrappedBody("macro", anyObject);
const idParams = accountParams.extend({ id: idParam });

const ids = z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()));
const dryRunBody = z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }).passthrough();

const rules = "Automation rules";
const macros = "Macros";
const rulePath = "/api/v1/accounts/{account_id}/automation_rules";
const macroPath = "/api/v1/accounts/{account_id}/macros";

export const listRulesEndpoint = defineEndpoint({ method: "GET", path: rulePath, summary: "The account's automation rules (administrators)", tag: rules, params: accountParams, responds: "{payload: automation_rule[]}" });
export const createRuleEndpoint = defineEndpoint({
  method: "POST",
  path: rulePath,
  summary: "Create a rule: name, description, event_name, conditions (Chatwoot's flat list) or condition_tree ({operator, conditions} nested), actions, active, time_threshold_minutes",
  tag: rules,
  params: accountParams,
  body: ruleBody,
  responds: "automation_rule",
});
export const showRuleEndpoint = defineEndpoint({ method: "GET", path: `${rulePath}/{id}`, summary: "Show a rule, with its failure count and last error", tag: rules, params: idParams, responds: "{payload: automation_rule}" });
export const updateRuleEndpoint = defineEndpoint({ method: "PATCH", path: `${rulePath}/{id}`, summary: "Update a rule (enable/disable with active)", tag: rules, params: idParams, body: ruleBody, responds: "{payload: automation_rule}" });
export const putRuleEndpoint = defineEndpoint({ method: "PUT", path: `${rulePath}/{id}`, summary: "Update a rule (as PATCH)", tag: rules, params: idParams, body: ruleBody, responds: "{payload: automation_rule}" });
export const deleteRuleEndpoint = defineEndpoint({ method: "DELETE", path: `${rulePath}/{id}`, summary: "Delete a rule and its run log", tag: rules, params: idParams, responds: "empty" });
export const cloneRuleEndpoint = defineEndpoint({ method: "POST", path: `${rulePath}/{id}/clone`, summary: "Copy a rule", tag: rules, params: idParams, responds: "automation_rule" });
export const attachRuleFileEndpoint = defineEndpoint({
  method: "POST",
  path: `${rulePath}/attach_file`,
  summary: "Upload a file for a rule's send_attachment action (multipart `attachment`; administrators); name its blob_id in the action's action_params",
  tag: rules,
  params: accountParams,
  body: z.object({ attachment: z.instanceof(File, { message: "Attach a file" }) }),
  responds: "{blob_key, blob_id, file_url}",
});
export const ruleRunsEndpoint = defineEndpoint({ method: "GET", path: `${rulePath}/{id}/runs`, summary: "A rule's run log, newest first: fired (conditions, each action's result), did not match (why), limited (loop or rate limit)", tag: rules, params: idParams, responds: "{payload: run[]}" });
export const dryRunRuleEndpoint = defineEndpoint({
  method: "POST",
  path: `${rulePath}/{id}/dry_run`,
  summary: "Which of the last 100 events of the rule's kind it would have fired on (nothing is changed); a body with rule fields tries an unsaved version",
  tag: rules,
  params: idParams,
  body: dryRunBody,
  responds: "{payload: dry_run_result[]}",
});

export const listMacrosEndpoint = defineEndpoint({ method: "GET", path: macroPath, summary: "The macros the caller may run: the account's global ones and their own personal ones", tag: macros, params: accountParams, responds: "{payload: macro[]}" });
export const createMacroEndpoint = defineEndpoint({ method: "POST", path: macroPath, summary: "Create a macro: name, visibility (personal, or global for administrators), actions", tag: macros, params: accountParams, body: macroBody, responds: "{payload: macro}" });
export const showMacroEndpoint = defineEndpoint({ method: "GET", path: `${macroPath}/{id}`, summary: "Show a macro", tag: macros, params: idParams, responds: "{payload: macro}" });
export const updateMacroEndpoint = defineEndpoint({ method: "PATCH", path: `${macroPath}/{id}`, summary: "Update a macro (its creator; global ones: administrators)", tag: macros, params: idParams, body: macroBody, responds: "{payload: macro}" });
export const putMacroEndpoint = defineEndpoint({ method: "PUT", path: `${macroPath}/{id}`, summary: "Update a macro (as PATCH)", tag: macros, params: idParams, body: macroBody, responds: "{payload: macro}" });
export const deleteMacroEndpoint = defineEndpoint({ method: "DELETE", path: `${macroPath}/{id}`, summary: "Delete a macro", tag: macros, params: idParams, responds: "empty" });
export const attachMacroFileEndpoint = defineEndpoint({
  method: "POST",
  path: `${macroPath}/attach_file`,
  summary: "Upload a file for a send_attachment action (multipart `attachment`); name its blob_id in the action's action_params",
  tag: macros,
  params: accountParams,
  body: z.object({ attachment: z.instanceof(File, { message: "Attach a file" }) }),
  responds: "{blob_key, blob_id, file_url}",
});
export const executeMacroEndpoint = defineEndpoint({
  method: "POST",
  path: `${macroPath}/{id}/execute`,
  summary: "Run a macro on `conversation_ids` (display ids) as the caller; up to 25 run before the answer, more in a job",
  tag: macros,
  params: idParams,
  body: z.object({ conversation_ids: ids }).passthrough(),
  responds: "empty",
});
