import { can } from "@/lib/accounts/permissions";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { automationRules, customAttributeDefinitions, type AutomationRule } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { actionSchema, RULE_ACTIONS } from "./actions";
import { checkTree, conditionGroup, conditionLeaf, flatFromTree, isGroup, safeRegExp, treeFromFlat, type ConditionGroup, type ConditionLeaf } from "./conditions";
import { isKnownAttribute } from "./fact-reader";
import { claimFiles } from "./macro-files";
import { copyRuleFiles } from "./rule-files";
import { forgetActiveRules } from "./record-event";

/** Events a rule listens to: Chatwoot's five, and the time-based ones the minute sweep raises. */
export const RULE_EVENTS = ["conversation_created", "conversation_updated", "message_created", "conversation_opened", "conversation_resolved"] as const;
export const TIME_EVENTS = ["conversation_waiting", "conversation_pending", "snooze_ended", "sla_breached"] as const;
export const ALL_RULE_EVENTS = [...RULE_EVENTS, ...TIME_EVENTS] as const;
export const isTimeEvent = (name: string) => (TIME_EVENTS as readonly string[]).includes(name);

/** How many rules an account may have (each is evaluated on every event it listens to). */
export const MAX_RULES = 200;

const flag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"])]).transform((v) => v === true || v === "true" || v === "1");

export const ruleInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  description: z.string().max(2000).nullable().optional(),
  event_name: z.enum(ALL_RULE_EVENTS, { message: "Event is not one Postdesk knows" }),
  active: flag.optional(),
  conditions: z.array(conditionLeaf).max(50).optional(),
  /** Postdesk's nested form; wins over `conditions` when both are sent. */
  condition_tree: conditionGroup.nullable().optional(),
  actions: z.array(actionSchema(RULE_ACTIONS)).min(1, "Add at least one action").max(30),
  /** Time-based events: minutes without an agent reply (conversation_waiting) or pending (conversation_pending). */
  time_threshold_minutes: z.coerce.number().int().min(1).max(60 * 24 * 90).nullable().optional(),
});
export type RuleInput = z.input<typeof ruleInput>;
const ruleUpdate = ruleInput.partial();

async function requireAdmin(db: DbOrTx, actor: Actor, accountId: number) {
  const access = await requireAccountAccess(db, actor, accountId);
  // Administrators, and members whose custom role has automation_manage (lib/accounts/permissions.ts).
  if (!can(access, "automation_manage")) throw forbidden("Only administrators manage automation rules");
  return access;
}

export async function listRules(db: DbOrTx, actor: Actor, accountId: number): Promise<AutomationRule[]> {
  await requireAdmin(db, actor, accountId);
  return db.select().from(automationRules).where(eq(automationRules.accountId, accountId)).orderBy(asc(automationRules.id));
}

export async function getRule(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<AutomationRule> {
  await requireAdmin(db, actor, accountId);
  return findRule(db, accountId, id);
}

export async function findRule(db: DbOrTx, accountId: number, id: number): Promise<AutomationRule> {
  const [rule] = await db.select().from(automationRules).where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, id)));
  if (!rule) throw notFound("Automation rule");
  return rule;
}

export async function createRule(db: DbOrTx, actor: Actor, accountId: number, params: RuleInput): Promise<AutomationRule> {
  const access = await requireAdmin(db, actor, accountId);
  const input = parseInput(ruleInput, params, "api");
  const existing = await db.$count(automationRules, eq(automationRules.accountId, accountId));
  if (existing >= MAX_RULES) throw invalid(`An account has at most ${MAX_RULES} automation rules`);
  const tree = await checkedTree(db, accountId, input.condition_tree ?? null, input.conditions ?? []);
  checkThreshold(input.event_name, input.time_threshold_minutes ?? null);
  // The files its send_attachment actions name become the rule's in the same transaction.
  const rule = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(automationRules)
      .values({
        accountId,
        name: input.name,
        description: input.description ?? null,
        eventName: input.event_name,
        conditions: flatFromTree(tree),
        conditionTree: tree,
        actions: input.actions,
        active: input.active ?? true,
        thresholdMinutes: input.time_threshold_minutes ?? null,
        createdById: access.userId,
      })
      .returning();
    await claimFiles(tx, accountId, access.userId, { kind: "rule", id: row.id }, row.actions);
    return row;
  });
  forgetActiveRules(accountId);
  return rule;
}

export async function updateRule(db: DbOrTx, actor: Actor, accountId: number, id: number, params: Partial<RuleInput>): Promise<AutomationRule> {
  const access = await requireAdmin(db, actor, accountId);
  const input = parseInput(ruleUpdate, params, "api");
  const rule = await findRule(db, accountId, id);
  const changes: Partial<typeof automationRules.$inferInsert> = { updatedAt: new Date() };
  if (input.name !== undefined) changes.name = input.name;
  if (input.description !== undefined) changes.description = input.description;
  if (input.event_name !== undefined) changes.eventName = input.event_name;
  if (input.active !== undefined) changes.active = input.active;
  if (input.actions !== undefined) changes.actions = input.actions;
  if (input.time_threshold_minutes !== undefined) changes.thresholdMinutes = input.time_threshold_minutes;
  if (input.condition_tree !== undefined || input.conditions !== undefined) {
    const tree = await checkedTree(db, accountId, input.condition_tree ?? null, input.conditions ?? []);
    changes.conditionTree = tree;
    changes.conditions = flatFromTree(tree);
  }
  checkThreshold(changes.eventName ?? rule.eventName, changes.thresholdMinutes !== undefined ? changes.thresholdMinutes : rule.thresholdMinutes);
  // New actions keep the files they name (the saver's uploads or the rule's own) and let the others go.
  const updated = await inTransaction(db, async (tx) => {
    const [row] = await tx.update(automationRules).set(changes).where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, id))).returning();
    if (input.actions !== undefined) await claimFiles(tx, accountId, access.userId, { kind: "rule", id }, row.actions);
    return row;
  });
  forgetActiveRules(accountId);
  return updated;
}

export async function deleteRule(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  await requireAdmin(db, actor, accountId);
  await findRule(db, accountId, id);
  await db.delete(automationRules).where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, id)));
  forgetActiveRules(accountId);
}

/** Chatwoot's clone: a copy under the same name. */
export async function cloneRule(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<AutomationRule> {
  const access = await requireAdmin(db, actor, accountId);
  const rule = await findRule(db, accountId, id);
  const copy = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(automationRules)
      .values({
        accountId,
        name: rule.name,
        description: rule.description,
        eventName: rule.eventName,
        conditions: rule.conditions,
        conditionTree: rule.conditionTree,
        actions: rule.actions,
        active: rule.active,
        thresholdMinutes: rule.thresholdMinutes,
        createdById: access.userId,
      })
      .returning();
    const actions = await copyRuleFiles(tx, accountId, rule.id, row.id, rule.actions);
    if (JSON.stringify(actions) === JSON.stringify(rule.actions)) return row;
    const [renamed] = await tx.update(automationRules).set({ actions }).where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, row.id))).returning();
    return renamed;
  });
  forgetActiveRules(accountId);
  return copy;
}

/** The tree a rule evaluates: the one stored, or Chatwoot's flat list read with AND before OR. */
export function ruleTree(rule: Pick<AutomationRule, "conditionTree" | "conditions">): ConditionGroup {
  if (rule.conditionTree) return rule.conditionTree as unknown as ConditionGroup;
  return treeFromFlat(z.array(conditionLeaf).catch([]).parse(rule.conditions));
}

function checkThreshold(eventName: string, minutes: number | null): void {
  if ((eventName === "conversation_waiting" || eventName === "conversation_pending") && !minutes) {
    throw invalid("Say after how many minutes the rule fires", { time_threshold_minutes: ["can't be blank"] });
  }
}

async function checkedTree(db: DbOrTx, accountId: number, tree: ConditionGroup | null, flat: ConditionLeaf[]): Promise<ConditionGroup> {
  const result = tree ?? treeFromFlat(flat);
  const problem = checkTree(result);
  if (problem) throw invalid(problem);
  const leaves: ConditionLeaf[] = [];
  const walk = (g: ConditionGroup) => g.conditions.forEach((c) => (isGroup(c) ? walk(c) : leaves.push(c)));
  walk(result);
  const custom = await db.select({ key: customAttributeDefinitions.attributeKey }).from(customAttributeDefinitions).where(eq(customAttributeDefinitions.accountId, accountId));
  const customKeys = new Set(custom.map((c) => c.key));
  for (const leaf of leaves) {
    if (!isKnownAttribute(leaf.attribute_key) && !customKeys.has(leaf.attribute_key)) {
      throw invalid(`${leaf.attribute_key} is not an attribute Postdesk knows`, { conditions: [`unknown attribute ${leaf.attribute_key}`] });
    }
    if (leaf.filter_operator === "matches" && leaf.values.some((v) => safeRegExp(String(v)) === null)) {
      throw invalid(`${String(leaf.values[0])} is not a valid pattern`, { conditions: ["invalid pattern"] });
    }
  }
  return result;
}
