import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The two signatures of the Pusher Channels protocol, shared by our channel-auth route and the
 * embedded server that checks them:
 * - channel auth: `key:HMAC-SHA256(secret, "socket_id:channel_name[:channel_data]")` in hex;
 * - HTTP API requests: `auth_signature = HMAC-SHA256(secret, "METHOD\n/path\nsorted query")`
 *   over every query parameter but auth_signature, as `k=v` joined by `&` (unencoded, as the
 *   `pusher` library signs them), with body_md5 the MD5 of the body.
 */
export const hmacHex = (secret: string, data: string) => createHmac("sha256", secret).update(data, "utf8").digest("hex");

export const md5Hex = (body: string | Buffer) => createHash("md5").update(body).digest("hex");

/** Constant-time comparison of two strings (false when the lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export function channelAuthString(socketId: string, channelName: string, channelData?: string): string {
  return channelData === undefined ? `${socketId}:${channelName}` : `${socketId}:${channelName}:${channelData}`;
}

/** What pusher-js sends back in pusher:subscribe: `{ auth: "key:signature", channel_data? }`. */
export function signChannelAuth(
  app: { key: string; secret: string },
  socketId: string,
  channelName: string,
  channelData?: string,
): { auth: string; channel_data?: string } {
  const auth = `${app.key}:${hmacHex(app.secret, channelAuthString(socketId, channelName, channelData))}`;
  return channelData === undefined ? { auth } : { auth, channel_data: channelData };
}

export function verifyChannelAuth(
  app: { key: string; secret: string },
  auth: unknown,
  socketId: string,
  channelName: string,
  channelData?: string,
): boolean {
  if (typeof auth !== "string") return false;
  return safeEqual(auth, signChannelAuth(app, socketId, channelName, channelData).auth);
}

/** The string signed for an HTTP API request; `query` excludes auth_signature. */
export function requestSignString(method: string, path: string, query: Record<string, string>): string {
  const sorted = Object.keys(query)
    .sort()
    .map((k) => `${k}=${query[k]}`)
    .join("&");
  return `${method.toUpperCase()}\n${path}\n${sorted}`;
}

/**
 * User authentication (`pusher:signin`): `key:HMAC-SHA256(secret, "socket_id::user::user_data")`,
 * user_data being the JSON string sent along (with at least an `id`).
 */
export function signUserAuth(app: { key: string; secret: string }, socketId: string, userData: string): { auth: string; user_data: string } {
  return { auth: `${app.key}:${hmacHex(app.secret, `${socketId}::user::${userData}`)}`, user_data: userData };
}

export function verifyUserAuth(app: { key: string; secret: string }, auth: unknown, socketId: string, userData: string): boolean {
  if (typeof auth !== "string") return false;
  return safeEqual(auth, signUserAuth(app, socketId, userData).auth);
}
