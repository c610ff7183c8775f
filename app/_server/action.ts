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
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };

export type ActionContext = { db: Db; actor: Actor; userId: number };

const log = createLogger("server-action");

export function serverAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: ActionContext, input: z.infer<S>) => Promise<T>,
  options: { refresh?: boolean } = {},
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (rawInput) => {
    const parsed = schema.safeParse(rawInput);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return { ok: false, error: first?.message ?? "Invalid input" };
    }
    const signedIn = await currentSession();
    if (!signedIn) return { ok: false, error: "Your session has ended, sign in again" };
    try {
      const data = await handler({ db: getDb(), ...signedIn }, parsed.data);
      if (options.refresh !== false) refresh();
      return { ok: true, data };
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
}
