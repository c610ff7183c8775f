import { env, isPusherConfigured, setEnvVar } from "@/lib/env";
import { startRealtimeServer, type RealtimeServer } from "@/lib/realtime/server";
import { persistentSecret } from "./data-dir";

/**
 * Live refresh out of the box: with no PUSHER_* configured, starts the embedded Pusher-protocol
 * server (lib/realtime/server) in this process and points PUSHER_* at it, so the Next child,
 * which inherits the environment, publishes to it and hands browsers its address. The key and
 * secret are kept under DATA_DIR (pusher-key, pusher-secret) so open pages survive a restart.
 * Returns null when a Pusher app is configured.
 */
export async function startEmbeddedRealtime(say: (line: string) => void): Promise<RealtimeServer | null> {
  const e = env();
  if (isPusherConfigured()) return null;
  if (e.PUSHER_APP_ID || e.PUSHER_KEY || e.PUSHER_SECRET) {
    throw new Error("Set all of PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET, or none of them to use the embedded realtime server.");
  }
  const key = persistentSecret("pusher-key", 15);
  const secret = persistentSecret("pusher-secret");
  let server: RealtimeServer;
  try {
    server = await startRealtimeServer({
      appId: "postdesk",
      key,
      secret,
      port: e.REALTIME_PORT,
      host: e.REALTIME_BIND,
      log: (message, fields) => (e.LOG_LEVEL === "debug" || e.LOG_LEVEL === "trace" ? say(`realtime: ${message} ${JSON.stringify(fields ?? {})}`) : undefined),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") throw new Error(`Port ${e.REALTIME_PORT} (REALTIME_PORT, the embedded realtime server) is in use. Free it or set REALTIME_PORT.`);
    throw error;
  }
  setEnvVar("PUSHER_APP_ID", "postdesk");
  setEnvVar("PUSHER_KEY", key);
  setEnvVar("PUSHER_SECRET", secret);
  setEnvVar("PUSHER_HOST", "127.0.0.1");
  setEnvVar("PUSHER_PORT", String(server.port));
  setEnvVar("PUSHER_USE_TLS", "false");
  say(`Live refresh: embedded Pusher-protocol server on port ${server.port} (single node; set PUSHER_* for Pusher).`);
  return server;
}
