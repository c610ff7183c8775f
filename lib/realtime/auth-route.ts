import { z } from "zod";
import { getDb } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { parseChannel } from "./channels";
import { channelAuthorization, contactAuthentication, contactChannelAuthorization, userAuthentication } from "./authorize-channel";

const log = createLogger("realtime");

const authForm = z.object({
  socket_id: z.string().min(1).max(50),
  channel_name: z.string().min(1).max(200),
});
const signinForm = z.object({ socket_id: z.string().min(1).max(50) });

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });

/**
 * The body of POST /api/pusher/auth: the form pusher-js sends (socket_id, channel_name), the
 * session's user id (null: signed out → 401). 200 `{ auth }` when allowed, 403 when not.
 */
export async function pusherAuthResponse(userId: number | null, request: Request): Promise<Response> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return userId === null ? json(401, { error: "Sign in first" }) : json(422, { error: "Expected a form with socket_id and channel_name" });
  }
  const parsed = authForm.safeParse({ socket_id: form.get("socket_id"), channel_name: form.get("channel_name") });
  // A Client API contact's own channel: its pubsub token is the credential, no session needed.
  const isContactChannel = parsed.success && parseChannel(parsed.data.channel_name)?.kind === "contact";
  if (userId === null && !isContactChannel) return json(401, { error: "Sign in first" });
  if (!parsed.success) return json(422, { error: "Expected a form with socket_id and channel_name" });
  try {
    const params = { socketId: parsed.data.socket_id, channelName: parsed.data.channel_name };
    const body =
      userId === null ? await contactChannelAuthorization(getDb(), params) : await channelAuthorization(getDb(), userActor(userId), params);
    return json(200, body);
  } catch (error) {
    if (isAppError(error)) return json(error.status, { error: error.message });
    log.error("channel authorization failed", { error: error instanceof Error ? error.message : String(error) });
    return json(500, { error: "Something went wrong" });
  }
}

/**
 * The body of POST /api/pusher/user-auth: pusher-js's user authentication (`pusher.signin()`), so
 * the connection is known as the session's user: revoking that user's access closes it
 * (lib/realtime/revoke.ts) and its client events carry the user's id. 401 when signed out.
 */
export async function pusherUserAuthResponse(userId: number | null, request: Request): Promise<Response> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return userId === null ? json(401, { error: "Sign in first" }) : json(422, { error: "Expected a form with socket_id" });
  }
  // A Client API contact signs its connection in with its pubsub token instead of a session.
  const pubsubToken = form.get("pubsub_token");
  if (userId === null && typeof pubsubToken !== "string") return json(401, { error: "Sign in first" });
  const parsed = signinForm.safeParse({ socket_id: form.get("socket_id") });
  if (!parsed.success) return json(422, { error: "Expected a form with socket_id" });
  try {
    if (userId === null) return json(200, await contactAuthentication(getDb(), String(pubsubToken), parsed.data.socket_id));
    return json(200, userAuthentication(userActor(userId), parsed.data.socket_id));
  } catch (error) {
    if (isAppError(error)) return json(error.status, { error: error.message });
    log.error("user authentication failed", { error: error instanceof Error ? error.message : String(error) });
    return json(500, { error: "Something went wrong" });
  }
}
