import { z } from "zod";
import { failText, passText } from "./condition-words";

/**
 * The condition language of automation rules. Chatwoot stores a flat list where each condition's
 * `query_operator` joins it to the next (`a AND b OR c`, AND binding tighter, as its SQL did);
 * Postdesk evaluates a tree of AND/OR groups (`condition_tree`), derived from the flat list when a
 * client sends only that. Evaluation is in memory over the facts of one event (facts.ts) and
 * explains itself: the first condition that failed, in words ("inbox is Sales, not Support").
 */

export const FILTER_OPERATORS = [
  "equal_to",
  "not_equal_to",
  "contains",
  "does_not_contain",
  "is_present",
  "is_not_present",
  "starts_with",
  "matches",
  "is_greater_than",
  "is_less_than",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const scalar = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const conditionLeaf = z.object({
  attribute_key: z.string().min(1).max(200),
  filter_operator: z.enum(FILTER_OPERATORS),
  values: z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(scalar).max(100)),
  query_operator: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(["and", "or"]))
    .nullable()
    .optional(),
  custom_attribute_type: z.string().max(50).nullable().optional(),
});
export type ConditionLeaf = z.output<typeof conditionLeaf>;

export type ConditionGroup = { operator: "and" | "or"; conditions: (ConditionLeaf | ConditionGroup)[] };

/** Nesting deeper than this is refused: it is never needed, and it bounds evaluation. */
const MAX_DEPTH = 5;

export const conditionGroup: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.object({
    operator: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(["and", "or"])),
    conditions: z.array(z.union([conditionGroup, conditionLeaf])).max(50),
  }),
);

export const isGroup = (c: ConditionLeaf | ConditionGroup): c is ConditionGroup => "conditions" in c;

export function treeDepth(group: ConditionGroup): number {
  return 1 + Math.max(0, ...group.conditions.map((c) => (isGroup(c) ? treeDepth(c) : 0)));
}

export function checkTree(group: ConditionGroup): string | null {
  if (treeDepth(group) > MAX_DEPTH) return `Conditions nest at most ${MAX_DEPTH} groups deep`;
  return null;
}

/** Chatwoot's flat list as a tree: OR of AND-chains (AND binds tighter, as in its SQL). */
export function treeFromFlat(list: ConditionLeaf[]): ConditionGroup {
  const chains: ConditionLeaf[][] = [[]];
  list.forEach((leaf, i) => {
    chains[chains.length - 1].push(leaf);
    if (i < list.length - 1 && leaf.query_operator === "or") chains.push([]);
  });
  const ands = chains.filter((c) => c.length > 0).map((c): ConditionGroup => ({ operator: "and", conditions: c }));
  if (ands.length === 1) return ands[0];
  return { operator: "or", conditions: ands };
}

/** The tree's leaves as Chatwoot's flat list, for clients that do not know `condition_tree` (exact when the tree is one OR of AND-chains). */
export function flatFromTree(group: ConditionGroup): ConditionLeaf[] {
  const out: ConditionLeaf[] = [];
  const walk = (g: ConditionGroup, joinAfter: "and" | "or") => {
    g.conditions.forEach((c, i) => {
      const join = i < g.conditions.length - 1 ? g.operator : joinAfter;
      if (isGroup(c)) walk(c, join);
      else out.push({ ...c, query_operator: join });
    });
  };
  walk(group, "and");
  if (out.length > 0) out[out.length - 1] = { ...out[out.length - 1], query_operator: null };
  return out;
}

/** A value a condition reads: a scalar, a list (labels), or absent. */
export type FactValue = string | number | boolean | null | undefined | string[];

/** Reads an attribute of the event's facts, with a label for explanations (e.g. an inbox's name). */
export type FactReader = (leaf: ConditionLeaf) => { value: FactValue; shown: string; known: boolean };
/** Shows a condition's values in words (an inbox id as its name). */
export type ValueNamer = (leaf: ConditionLeaf, value: unknown) => string;

export type Verdict = { matched: boolean; explanation: string };

/**
 * Leaves already judged on one event, by what they test: rules repeat the same conditions (inbox
 * is Support, message is incoming), so the evaluation passes one per event to all its rules.
 */
export type LeafVerdicts = Map<string, LazyVerdict>;

export function evaluateTree(group: ConditionGroup, read: FactReader, name: ValueNamer, seen?: LeafVerdicts): Verdict {
  const verdict = judgeGroup(group, read, name, seen);
  return { matched: verdict.matched, explanation: verdict.explain() };
}

/**
 * A verdict whose words are only built when asked: a rule that does not match needs the text of
 * the condition that failed, never the ones that passed (evaluation runs rules × events).
 */
type LazyVerdict = { matched: boolean; explain: () => string };

/** A group's verdict: the words of the conditions it saw, joined. */
class GroupVerdict implements LazyVerdict {
  constructor(
    readonly matched: boolean,
    private readonly seen: LazyVerdict[] | null,
    private readonly join: string,
  ) {}
  explain(): string {
    return this.seen === null ? "no conditions" : this.seen.map((r) => r.explain()).join(this.join);
  }
}

/** AND stops at the first failure and OR at the first success: the verdict and its words are those of that condition either way. */
function judgeGroup(group: ConditionGroup, read: FactReader, name: ValueNamer, verdicts?: LeafVerdicts): LazyVerdict {
  if (group.conditions.length === 0) return new GroupVerdict(true, null, "");
  const seen: LazyVerdict[] = [];
  const decisive = group.operator === "and" ? false : true;
  for (const c of group.conditions) {
    const r = isGroup(c) ? judgeGroup(c, read, name, verdicts) : verdicts ? judgeLeafOnce(c, read, name, verdicts) : judgeLeaf(c, read, name);
    if (r.matched === decisive) return r;
    seen.push(r);
  }
  return new GroupVerdict(!decisive, seen, decisive ? ", and " : " and ");
}

const lower = (v: unknown) => String(v ?? "").toLowerCase();
const label = (key: string) => key.replace(/^mail_header:/, "header ").replace(/_id$/, "").replace(/_/g, " ");

/**
 * What a leaf compares against, prepared once per leaf object (a rule's leaves live as long as its
 * row in memory), and its failure's words when they do not depend on the value read ("content
 * does not contain invoice"), built once per namer instead of once per event.
 */
type PreparedLeaf = { wanted: string[]; patterns: (RegExp | null)[]; what: string; key: string; failWords?: { name: ValueNamer; words: string } };
const prepared = new WeakMap<ConditionLeaf, PreparedLeaf>();
function prepare(leaf: ConditionLeaf): PreparedLeaf {
  let p = prepared.get(leaf);
  if (!p) {
    p = {
      wanted: leaf.values.filter((v) => v !== null).map(lower),
      patterns: leaf.filter_operator === "matches" ? leaf.values.map((pattern) => safeRegExp(String(pattern))) : [],
      what: label(leaf.attribute_key),
      key: JSON.stringify([leaf.attribute_key, leaf.custom_attribute_type ?? null, leaf.filter_operator, leaf.values]),
    };
    prepared.set(leaf, p);
  }
  return p;
}

/**
 * An attribute's value in lower case, once per value: 50 rules testing the content of one mail
 * lowered it 50 times. Strings are cached by value (V8 keeps a string's hash, so the memoized
 * reader's one string per attribute is found at once); the cache is emptied as it fills.
 */
const loweredStrings = new Map<string, string[]>();
function lowered(value: FactValue): string[] {
  if (Array.isArray(value)) return value.map(lower);
  if (value === null || value === undefined || value === "") return [];
  if (typeof value !== "string") return [lower(value)];
  let list = loweredStrings.get(value);
  if (!list) {
    if (loweredStrings.size >= 64) loweredStrings.clear();
    list = [value.toLowerCase()];
    loweredStrings.set(value, list);
  }
  return list;
}

function judgeLeafOnce(leaf: ConditionLeaf, read: FactReader, name: ValueNamer, verdicts: LeafVerdicts): LazyVerdict {
  const { key } = prepare(leaf);
  let verdict = verdicts.get(key);
  if (!verdict) verdicts.set(key, (verdict = judgeLeaf(leaf, read, name)));
  return verdict;
}

/** Operators whose failure's words do not show the value read. */
const FAIL_WORDS_WITHOUT_VALUE = new Set<FilterOperator>(["contains", "does_not_contain", "starts_with", "is_present", "matches"]);

/**
 * A leaf's verdict, worded once when asked: a verdict shared by many rules (judgeLeafOnce) is asked
 * for its words by each that stops at it. A class, not closures: one is made per leaf and event.
 */
class LeafVerdict implements LazyVerdict {
  private words: string | undefined;
  constructor(
    readonly matched: boolean,
    private readonly leaf: ConditionLeaf,
    private readonly p: PreparedLeaf,
    private readonly shown: string,
    private readonly name: ValueNamer,
  ) {}
  explain(): string {
    if (this.words !== undefined) return this.words;
    const { leaf, p, name } = this;
    const constant = !this.matched && FAIL_WORDS_WITHOUT_VALUE.has(leaf.filter_operator);
    if (constant && p.failWords?.name === name) return (this.words = p.failWords.words);
    const expected = leaf.values.map((v) => name(leaf, v));
    this.words = this.matched ? passText(leaf.filter_operator, p.what, expected) : failText(leaf.filter_operator, p.what, expected, this.shown);
    if (constant) p.failWords = { name, words: this.words };
    return this.words;
  }
}

/** A leaf that names an attribute Postdesk does not know never matches. */
class UnknownVerdict implements LazyVerdict {
  readonly matched = false;
  constructor(private readonly what: string) {}
  explain(): string {
    return `${this.what} is not a condition Postdesk knows`;
  }
}

function judgeLeaf(leaf: ConditionLeaf, read: FactReader, name: ValueNamer): LazyVerdict {
  const { value, shown, known } = read(leaf);
  const p = prepare(leaf);
  const { wanted, patterns, what } = p;
  if (!known) return new UnknownVerdict(what);
  const list = lowered(value);
  let matched: boolean;
  switch (leaf.filter_operator) {
    case "equal_to":
      matched = wanted.some((w) => list.includes(w));
      break;
    case "not_equal_to":
      matched = !wanted.some((w) => list.includes(w));
      break;
    case "contains":
      matched = wanted.some((w) => list.some((v) => v.includes(w)));
      break;
    case "does_not_contain":
      matched = !wanted.some((w) => list.some((v) => v.includes(w)));
      break;
    case "starts_with":
      matched = wanted.some((w) => list.some((v) => v.startsWith(w)));
      break;
    case "is_present":
      matched = list.length > 0;
      break;
    case "is_not_present":
      matched = list.length === 0;
      break;
    case "matches":
      matched = patterns.some((re) => re !== null && list.some((v) => re.test(v)));
      break;
    case "is_greater_than":
    case "is_less_than": {
      const n = Number(Array.isArray(value) ? value[0] : value);
      const bound = Number(leaf.values[0]);
      matched = Number.isFinite(n) && Number.isFinite(bound) && (leaf.filter_operator === "is_greater_than" ? n > bound : n < bound);
      break;
    }
  }
  return new LeafVerdict(matched, leaf, p, shown, name);
}

/** Case-insensitive; a pattern that does not compile matches nothing (it was checked when saved). */
export function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, "i");
  } catch {
    return null;
  }
}
