import http from "node:http";
import { PEER_ADDRESS_HEADER } from "./client-address";

let installed = false;

/**
 * Stamps every request the Node HTTP server receives with its TCP peer's address
 * (PEER_ADDRESS_HEADER), overwriting any value a client sent. Next does not expose the socket to
 * route handlers or server actions, and the X-Forwarded-For it adds is kept as the client sent it,
 * so this is the one trustworthy "who is connected" for sign-in throttling
 * (lib/auth/client-address.ts). Called once by instrumentation.ts, before Next serves requests.
 */
export function installPeerAddressHeader(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return (emit as (event: string | symbol, ...args: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof emit;
}
