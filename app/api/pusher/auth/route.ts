import { auth } from "@/auth";
import { sessionUserId } from "@/lib/messages/download-route";
import { pusherAuthResponse } from "@/lib/realtime/auth-route";

/** pusher-js asks here before subscribing to a private channel (lib/realtime/authorize-channel.ts decides). */
export async function POST(request: Request) {
  return pusherAuthResponse(sessionUserId(await auth()), request);
}
