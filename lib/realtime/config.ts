import { appUrl, env, isPusherConfigured } from "@/lib/env";

/** How the `pusher` library reaches the Pusher app (real service or the embedded server). */
export type PusherServerConfig = {
  appId: string;
  key: string;
  secret: string;
  cluster: string;
  host?: string;
  port?: string;
  useTLS: boolean;
};

export function pusherServerConfig(): PusherServerConfig | null {
  if (!isPusherConfigured()) return null;
  const e = env();
  const host = e.PUSHER_HOST;
  return {
    appId: e.PUSHER_APP_ID ?? "",
    key: e.PUSHER_KEY ?? "",
    secret: e.PUSHER_SECRET ?? "",
    cluster: e.PUSHER_CLUSTER,
    host,
    port: e.PUSHER_PORT === undefined ? undefined : String(e.PUSHER_PORT),
    // A custom host defaults to plain HTTP only when it is the local machine.
    useTLS: e.PUSHER_USE_TLS === undefined ? !(host && isLoopback(host)) : e.PUSHER_USE_TLS === "true",
  };
}

/**
 * What the browser's pusher-js needs (no secret), for the page to pass to the client. null when
 * live refresh is off. With a custom host, browsers connect to PUSHER_WS_HOST/PUSHER_WS_PORT, else
 * to PUSHER_HOST/PUSHER_PORT, a loopback host being replaced by APP_URL's host; with TLS when the
 * app is served over https.
 */
export type PusherClientConfig = { key: string; cluster: string; wsHost?: string; wsPort?: number; forceTLS: boolean };

export function pusherClientConfig(): PusherClientConfig | null {
  const server = pusherServerConfig();
  if (!server) return null;
  const e = env();
  if (!server.host && !e.PUSHER_WS_HOST) return { key: server.key, cluster: server.cluster, forceTLS: true };
  const wsHost = e.PUSHER_WS_HOST ?? (server.host && !isLoopback(server.host) ? server.host : new URL(appUrl()).hostname);
  const wsPort = e.PUSHER_WS_PORT ?? e.PUSHER_PORT;
  // An https page may only open wss:; otherwise TLS when the server itself is reached with it.
  const isAppHttps = new URL(appUrl()).protocol === "https:";
  const forceTLS = isAppHttps || (!e.PUSHER_WS_HOST && !isLoopback(server.host ?? "") && server.useTLS);
  return { key: server.key, cluster: server.cluster, wsHost, wsPort, forceTLS };
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || host.startsWith("127.");
