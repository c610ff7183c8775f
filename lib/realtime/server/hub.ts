/**
 * Channels and their subscribers, in memory, for the embedded server (one node: a second process
 * would have its own hub; see lib/realtime/README.md). Knows nothing of sockets or HTTP: a
 * subscriber is anything with an id and a `send`.
 */
export type PusherMessage = { event: string; channel?: string; data?: unknown; user_id?: string };

export type Subscriber = {
  socketId: string;
  send: (message: PusherMessage) => void;
  /** The same, already serialized: a broadcast serializes once for all its subscribers. */
  sendText: (text: string) => void;
  /** Channels this subscriber is in, and for presence channels the member it joined as. */
  channels: Map<string, { userId?: string }>;
};

type PresenceMember = { info: unknown; sockets: Set<string> };

export class Hub {
  private readonly channels = new Map<string, Map<string, Subscriber>>();
  private readonly presence = new Map<string, Map<string, PresenceMember>>();

  get channelCount(): number {
    return this.channels.size;
  }

  subscriberCount(channel: string): number {
    return this.channels.get(channel)?.size ?? 0;
  }

  /** Adds the subscriber; for presence channels returns what subscription_succeeded carries. */
  subscribe(subscriber: Subscriber, channel: string, member?: { userId: string; info: unknown }): void {
    if (subscriber.channels.has(channel)) this.unsubscribe(subscriber, channel);
    let subs = this.channels.get(channel);
    if (!subs) this.channels.set(channel, (subs = new Map()));
    subs.set(subscriber.socketId, subscriber);
    subscriber.channels.set(channel, { userId: member?.userId });
    if (!member) {
      subscriber.send({ event: "pusher_internal:subscription_succeeded", channel, data: "{}" });
      return;
    }
    let members = this.presence.get(channel);
    if (!members) this.presence.set(channel, (members = new Map()));
    const existing = members.get(member.userId);
    if (existing) existing.sockets.add(subscriber.socketId);
    else members.set(member.userId, { info: member.info, sockets: new Set([subscriber.socketId]) });
    const ids = [...members.keys()];
    const hash = Object.fromEntries([...members].map(([id, m]) => [id, m.info]));
    subscriber.send({
      event: "pusher_internal:subscription_succeeded",
      channel,
      data: JSON.stringify({ presence: { ids, hash, count: ids.length } }),
    });
    // A second tab of the same user is not a new member.
    if (!existing) {
      const data = JSON.stringify({ user_id: member.userId, user_info: member.info });
      this.broadcast(channel, { event: "pusher_internal:member_added", channel, data }, subscriber.socketId);
    }
  }

  unsubscribe(subscriber: Subscriber, channel: string): void {
    const entry = subscriber.channels.get(channel);
    if (!entry) return;
    subscriber.channels.delete(channel);
    const subs = this.channels.get(channel);
    subs?.delete(subscriber.socketId);
    if (subs && subs.size === 0) this.channels.delete(channel);
    if (entry.userId === undefined) return;
    const members = this.presence.get(channel);
    const member = members?.get(entry.userId);
    if (!members || !member) return;
    member.sockets.delete(subscriber.socketId);
    if (member.sockets.size > 0) return;
    members.delete(entry.userId);
    if (members.size === 0) this.presence.delete(channel);
    const data = JSON.stringify({ user_id: entry.userId });
    this.broadcast(channel, { event: "pusher_internal:member_removed", channel, data });
  }

  unsubscribeAll(subscriber: Subscriber): void {
    for (const channel of [...subscriber.channels.keys()]) this.unsubscribe(subscriber, channel);
  }

  /** Sends to every subscriber of the channel but `exceptSocketId` (the sender, as Pusher does). */
  broadcast(channel: string, message: PusherMessage, exceptSocketId?: string): number {
    const subs = this.channels.get(channel);
    if (!subs) return 0;
    let sent = 0;
    const text = JSON.stringify(message);
    for (const [socketId, subscriber] of subs) {
      if (socketId === exceptSocketId) continue;
      subscriber.sendText(text);
      sent++;
    }
    return sent;
  }
}
