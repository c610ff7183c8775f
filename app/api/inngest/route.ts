import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { isInngestConfigured } from "@/lib/env";

/**
 * Inngest calls this endpoint to run the functions when INNGEST_* is configured. Without it the
 * embedded runner runs them in process and this endpoint answers 404, so nothing is exposed.
 */
const handlers = serve({ client: inngest, functions });

const notConfigured = () =>
  Response.json({ message: "Inngest is not configured; background jobs run in process" }, { status: 404 });

type RouteHandler = (request: Request, context: unknown) => Promise<Response>;
const guard = (handler: RouteHandler): RouteHandler => (request, context) =>
  isInngestConfigured() ? handler(request, context) : Promise.resolve(notConfigured());

export const GET = guard(handlers.GET as RouteHandler);
export const POST = guard(handlers.POST as RouteHandler);
export const PUT = guard(handlers.PUT as RouteHandler);
export const dynamic = "force-dynamic";
