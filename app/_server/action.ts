import { randomUUID } from "node:crypto";
import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { describeIssues, joinMessages, type FieldIssue } from "@/lib/api/validation";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { newRequestScope, runInRequestScope } from "@/lib/request-scope";
import { currentSession, type SignedIn } from "./current-actor";

/**
 * The ONE way to build a server action (tests/unit/entry-points.test.ts fails on any other):
 * it validates the input with a zod schema, resolves the signed-in actor, runs the handler (which
 * calls one domain function), and turns failures into a result the form can show:
 * - invalid input (the action's schema, or a domain function's parseInput) → every problem at
 *   once in words naming the field as the form shows it, and `fieldErrors` (path → message, e.g.
 *   "channel.email" → "Email address is not valid") so a form can show each beside its field;
 * - AppError → its safe message;
 * - anything else → a generic message with a reference id, the cause logged under that id.
 * After a success the client router is refreshed so server components show the change.
 *
 * An action can be called with an object, with FormData (`<form action={fn}>`), or as
 * `useActionState`'s `(previousResult, formData)`.
 *
 * No "server-only" marker here: the integration tests import the real actions and run them as
 * a given user through runActionAs (the only part they replace is reading the session cookie).
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };
/** Problems by field path as the input names them ("channel.imapAddress"). */
export type FieldErrors = Record<string, string>;

function fieldErrorsOf(issues: unknown): FieldErrors | undefined {
  if (!Array.isArray(issues)) return undefined;
  const out: FieldErrors = {};
  for (const issue of issues as FieldIssue[]) {
    if (typeof issue?.path !== "string" || typeof issue.message !== "string" || !issue.path) continue;
    out[issue.path] = out[issue.path] ? `${out[issue.path]}. ${issue.message}` : issue.message;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export type ActionContext = { db: Db; actor: Actor; userId: number };
export type PublicActionContext = { db: Db };

export type ServerAction<I, T> = {
  (input: I | FormData): Promise<ActionResult<T>>;
  (previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>>;
};

type Options = {
  /** Refresh the client router after a success (default true). */
  refresh?: boolean;
};

const log = createLogger("server-action");

type Runner = (signedIn: SignedIn | null, raw: unknown) => Promise<ActionResult<unknown>>;
// How each action runs for a given session, so tests can run the real action as a given user.
const runners = new WeakMap<object, Runner>();

/**
 * Runs an action exactly as a request would (validation, handler, error mapping) with the
 * session given instead of read from the cookie, and without refreshing a router. For tests.
 */
export async function runActionAs<I, T>(action: ServerAction<I, T>, signedIn: SignedIn | null, input: I): Promise<ActionResult<T>> {
  const runner = runners.get(action);
  if (!runner) throw new Error("Not an action built with serverAction()/publicAction()");
  return (await runner(signedIn, input)) as ActionResult<T>;
}

/** For signed-in users: the handler gets the actor. */
export function serverAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: ActionContext, input: z.infer<S>) => Promise<T>,
  options: Options = {},
): ServerAction<z.input<S>, T> {
  return build<S, T>(schema, options, async (signedIn, input) => {
    if (!signedIn) return { ok: false, error: "Your session has ended, sign in again" };
    return { ok: true, data: await handler({ db: getDb(), ...signedIn }, input) };
  });
}

/** For the few actions a signed-out visitor may call (signing in). */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: PublicActionContext, input: z.infer<S>) => Promise<T>,
  options: Options = {},
): ServerAction<z.input<S>, T> {
  return build<S, T>(schema, options, async (_signedIn, input) => ({ ok: true, data: await handler({ db: getDb() }, input) }), {
    needsSession: false,
  });
}

function build<S extends z.ZodType, T>(
  schema: S,
  options: Options,
  run: (signedIn: SignedIn | null, input: z.infer<S>) => Promise<ActionResult<T>>,
  { needsSession = true } = {},
): ServerAction<z.input<S>, T> {
  const execute = async (signedIn: SignedIn | null, raw: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      const fieldErrors = fieldErrorsOf(issues);
      return { ok: false, error: joinMessages(issues), ...(fieldErrors ? { fieldErrors } : {}) };
    }
    try {
      // One request scope per call: nested domain functions share one access check.
      return await runInRequestScope(newRequestScope(), () => run(signedIn, parsed.data));
    } catch (error) {
      // redirect() and notFound() work by throwing; they must reach Next untouched.
      unstable_rethrow(error);
      if (isAppError(error)) {
        const fieldErrors = fieldErrorsOf(error.details?.issues);
        return { ok: false, error: error.message, ...(fieldErrors ? { fieldErrors } : {}) };
      }
      const reference = randomUUID().slice(0, 8);
      log.error("server action failed", {
        reference,
        error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
      });
      return { ok: false, error: `Something went wrong (reference ${reference}). Try again, or tell your administrator.` };
    }
  };
  const action = async (...args: unknown[]): Promise<ActionResult<T>> => {
    const raw = args.length > 1 && args[1] instanceof FormData ? args[1] : args[0];
    const result = await execute(needsSession ? await currentSession() : null, raw);
    if (result.ok && options.refresh !== false) refresh();
    return result;
  };
  runners.set(action, execute);
  return action as ServerAction<z.input<S>, T>;
}

/** Form fields as an object; Next's internal `$ACTION_…` fields are dropped. */
function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
