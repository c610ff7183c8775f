import "server-only";
import { randomUUID } from "node:crypto";
import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { currentSession } from "./current-actor";

/**
 * The ONE way to build a server action (tests/unit/entry-points.test.ts fails on any other):
 * it validates the input with a zod schema, resolves the signed-in actor, runs the handler (which
 * calls one domain function), and turns failures into a result the form can show:
 * - AppError → its safe message;
 * - anything else → a generic message with a reference id, the cause logged under that id.
 * After a success the client router is refreshed so server components show the change.
 *
 * An action can be called with an object, with FormData (`<form action={fn}>`), or as
 * `useActionState`'s `(previousResult, formData)`.
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };

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

/** For signed-in users: the handler gets the actor. */
export function serverAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: ActionContext, input: z.infer<S>) => Promise<T>,
  options: Options = {},
): ServerAction<z.input<S>, T> {
  return build<S, T>(schema, options, async (input) => {
    const signedIn = await currentSession();
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
  return build<S, T>(schema, options, async (input) => ({ ok: true, data: await handler({ db: getDb() }, input) }));
}

function build<S extends z.ZodType, T>(
  schema: S,
  options: Options,
  run: (input: z.infer<S>) => Promise<ActionResult<T>>,
): ServerAction<z.input<S>, T> {
  const action = async (...args: unknown[]): Promise<ActionResult<T>> => {
    const raw = args.length > 1 && args[1] instanceof FormData ? args[1] : args[0];
    const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return { ok: false, error: first?.message ?? "Invalid input" };
    }
    try {
      const result = await run(parsed.data);
      if (result.ok && options.refresh !== false) refresh();
      return result;
    } catch (error) {
      // redirect() and notFound() work by throwing; they must reach Next untouched.
      unstable_rethrow(error);
      if (isAppError(error)) return { ok: false, error: error.message };
      const reference = randomUUID().slice(0, 8);
      log.error("server action failed", {
        reference,
        error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
      });
      return { ok: false, error: `Something went wrong (reference ${reference}). Try again, or tell your administrator.` };
    }
  };
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
