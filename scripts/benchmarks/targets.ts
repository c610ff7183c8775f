import { closeDb } from "@/db/client";
import { setEnvVar } from "@/lib/env";
import { startNextServer } from "./next-server";

/**
 * Where the benchmark sends its API requests:
 * - "http": the production server (`next start`) over loopback HTTP, what users get;
 * - "in-process": the route handler's exported GET called with a real Request in this process,
 *   when a production build is not possible (no HTTP, no Next request pipeline in the figures).
 */
export type ApiRequest = {
  path: string;
  /** The caller's api_access_token when it is not the target's default (the administrator's). */
  token?: string;
  route: "conversations" | "messages";
  params: Record<string, string>;
};

export type ApiTarget = {
  mode: "http" | "in-process";
  get: (request: ApiRequest) => Promise<string>;
  /** The same request without a token: answered 401 before any SQL, the framework's own cost. */
  getUnauthenticated: (request: ApiRequest) => Promise<void>;
  stop: () => Promise<void>;
};

function expect401(path: string, status: number): void {
  if (status !== 401) throw new Error(`GET ${path} without a token answered ${status}, expected 401`);
}

function check(path: string, status: number, body: string): string {
  if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${body.slice(0, 300)}`);
  return body;
}

/** `compressed`: ask for gzip as browsers (and fetch) do; otherwise `accept-encoding: identity`. */
export async function startHttpTarget(databaseUrl: string, token: string, compressed = true): Promise<ApiTarget> {
  const server = await startNextServer(databaseUrl);
  const encoding: Record<string, string> = compressed ? {} : { "accept-encoding": "identity" };
  return {
    mode: "http",
    get: async ({ path, token: caller }) => {
      const headers: Record<string, string> = { api_access_token: caller ?? token, accept: "application/json", ...encoding };
      const res = await fetch(server.baseUrl + path, { headers });
      return check(path, res.status, await res.text());
    },
    getUnauthenticated: async ({ path }) => {
      const res = await fetch(server.baseUrl + path, { headers: { accept: "application/json" } });
      await res.text();
      expect401(path, res.status);
    },
    stop: server.stop,
  };
}

type RouteGet = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export async function startInProcessTarget(databaseUrl: string, token: string): Promise<ApiTarget> {
  await closeDb();
  setEnvVar("DATABASE_URL", databaseUrl);
  const routes: Record<ApiRequest["route"], RouteGet> = {
    conversations: (await import("@/app/api/v1/accounts/[account_id]/conversations/route")).GET,
    messages: (await import("@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route")).GET,
  };
  return {
    mode: "in-process",
    get: async ({ path, route, params, token: caller }) => {
      const headers = { api_access_token: caller ?? token, accept: "application/json" };
      const res = await routes[route](new Request(`http://127.0.0.1${path}`, { headers }), { params: Promise.resolve(params) });
      return check(path, res.status, await res.text());
    },
    getUnauthenticated: async ({ path, route, params }) => {
      const res = await routes[route](new Request(`http://127.0.0.1${path}`, { headers: { accept: "application/json" } }), { params: Promise.resolve(params) });
      await res.text();
      expect401(path, res.status);
    },
    stop: closeDb,
  };
}
