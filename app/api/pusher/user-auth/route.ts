import { auth } from "@/auth";
import { sessionUserId } from "@/lib/messages/download-route";
import { pusherUserAuthResponse } from "@/lib/realtime/auth-route";

/** pusher-js signs its connection in here (`pusher.signin()`), as the session's user. */
export async function POST(request: Request) {
  return pusherUserAuthResponse(sessionUserId(await auth()), request);
}
