import type { z } from "zod";
import { invalid } from "@/lib/errors";

/**
 * Parses input that crossed a boundary (an API body, a form, a server action argument) and turns
 * zod's failure into the one error type: 422 whose message lists every problem at once, each
 * naming the field as a form shows it ("Email address is not valid"), never an internal path
 * ("channel.email: …"). `details.issues` keeps each problem with its path, so a form can show it
 * beside its field (app/_server/action.ts → fieldErrors).
 * Shared by the domain functions and the API wrapper so both report the same way.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, names: FieldNames = "form"): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInput(result.error.issues, names);
}

/**
 * How a message names a field: "form" as a person reads it ("Inbox ID is not valid"), "api" as
 * the client sent it ("inbox_id is not valid"), so a developer can find the key in their request.
 */
export type FieldNames = "form" | "api";

export type FieldIssue = { path: string; message: string };

/** The AppError for a failed parse: every issue, in words, with paths in the details. */
export function invalidInput(issues: readonly z.core.$ZodIssue[], names: FieldNames = "form") {
  const described = describeIssues(issues, names);
  return invalid(joinMessages(described), { issues: described });
}

/** Messages as sentences in one text: each once, in the order of the form. */
export function joinMessages(issues: readonly FieldIssue[]): string {
  const unique = [...new Set(issues.map((i) => i.message))];
  return unique.length > 0 ? unique.join(". ") : "Invalid input";
}

const WORDS: Record<string, string> = { imap: "IMAP", smtp: "SMTP", url: "URL", api: "API", ssl: "SSL", tls: "TLS", id: "ID", ids: "IDs" };

/** "phoneNumber" → "Phone number", "imapAddress" → "IMAP address", "channel.email" → "Email". */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((p) => typeof p === "string") ?? "";
  const words = String(last)
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(" ")
    .filter(Boolean)
    .map((w) => WORDS[w] ?? w);
  if (words.length === 0) return "This value";
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(" ");
}

/**
 * Our schemas write their messages as the form would say them ("Name can't be blank"); zod's own
 * defaults ("Invalid input: expected string, received undefined") are replaced by a sentence that
 * names the field.
 */
function describe(issue: z.core.$ZodIssue, names: FieldNames): string {
  if (!isZodDefault(issue)) return issue.message;
  const label = names === "api" ? apiFieldName(issue.path) : fieldLabel(issue.path);
  switch (issue.code) {
    case "invalid_type":
      // zod does not keep the input unless asked; its message says what arrived.
      return /received (undefined|null)$/.test(issue.message) ? `${label} is missing` : `${label} is not valid`;
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) <= 1 ? `${label} can't be blank` : `${label} is too short or too small`;
    case "too_big":
      return `${label} is too long or too large`;
    case "unrecognized_keys":
      return `Unknown fields: ${issue.keys.join(", ")}`;
    default:
      return `${label} is not valid`;
  }
}

/** zod's own messages start like this; ours never do. */
function isZodDefault(issue: z.core.$ZodIssue): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized key)/.test(issue.message);
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], names: FieldNames = "form"): FieldIssue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: describe(issue, names) }));
}

/** The key as the client wrote it, with its place in the body ("channel.imap_port"). */
function apiFieldName(path: readonly PropertyKey[]): string {
  const name = path.map(String).join(".");
  return name === "" ? "The request body" : name;
}
