import { and, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { accountUsers, conversations, customRoles, inboxMembers } from "@/db/schema";
import type { AfterCommit, CommitScope } from "@/db/transaction";
import { membershipAccess } from "@/lib/accounts/access";
import { seesConversationAs } from "@/lib/accounts/conversation-visibility";
import { conversationVisibility, type ConversationVisibility } from "@/lib/accounts/permissions";
import { loadConversationSummary } from "@/lib/conversations/find-conversation";
import { isPusherConfigured } from "@/lib/env";
import { inboxChannel, memberChannel } from "./channels";
import { conversationHiddenPayload, conversationPayload, type RealtimePayloads } from "./payloads";
import { publishEvents, realtimeEvent, type RealtimeEvent } from "./publish";

/**
 * Live updates for members whose custom role narrows which conversations of their inboxes they see
 * (unassigned + own, participating). They are refused the inbox channels (every conversation of
 * the inbox goes there), so each conversation event is also published to the member channel of
 * each such member of the conversation's inbox who may see it after the change; one who saw it
 * before an assignment and no longer does gets `conversation.hidden` (ids only) instead.
 *
 * Cost: whether an account has such members at all is cached per account (ACCOUNT_TTL_MS, and
 * forgotten at once in this process when access changes: endRealtimeAccess), so an account without
 * them pays no query. With them, one query per conversation per commit reads, as of now, who they
 * are (role, inbox membership) and whether each follows the conversation: a stale cache can only
 * delay a newly narrowed member's first events, never send one to someone who lost access.
 */
const ACCOUNT_TTL_MS = 10_000;
/** Past this many accounts cached, expired entries are dropped before adding one. */
const MAX_CACHED_ACCOUNTS = 10_000;
const narrowedAccounts = new Map<number, { at: number; narrowed: Promise<boolean> }>();

/** Forgets what was cached (a role, an inbox membership or a membership changed). */
export function forgetNarrowedMembers(): void {
  narrowedAccounts.clear();
}

const narrows = (v: ConversationVisibility): v is { unassigned: boolean; participating: boolean } => typeof v === "object";
const visibilityOf = (accountId: number, userId: number, role: { id: number; permissions: readonly string[] }) =>
  conversationVisibility(membershipAccess(accountId, userId, { role: "agent", customRoleId: role.id, permissions: role.permissions }));

/** Does a member of the account hold a custom role that narrows conversations? Cached per account. */
export function hasNarrowedMembers(accountId: number): Promise<boolean> {
  const now = Date.now();
  const cached = narrowedAccounts.get(accountId);
  if (cached && now - cached.at < ACCOUNT_TTL_MS) return cached.narrowed;
  if (narrowedAccounts.size >= MAX_CACHED_ACCOUNTS) {
    for (const [id, entry] of narrowedAccounts) if (now - entry.at >= ACCOUNT_TTL_MS) narrowedAccounts.delete(id);
  }
  const narrowed = getDb()
    .selectDistinct({ id: customRoles.id, permissions: customRoles.permissions })
    .from(accountUsers)
    .innerJoin(customRoles, and(eq(customRoles.accountId, accountUsers.accountId), eq(customRoles.id, accountUsers.customRoleId)))
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.role, "agent")))
    .then((roles) => roles.some((role) => narrows(visibilityOf(accountId, 0, role))));
  narrowedAccounts.set(accountId, { at: now, narrowed });
  narrowed.catch(() => narrowedAccounts.delete(accountId));
  return narrowed;
}

type Member = { userId: number; visibility: { unassigned: boolean; participating: boolean }; follows: boolean };
type Audience = { assigneeId: number | null; members: Member[] };

/** The narrowed members of the conversation's inbox as of now, and whether each follows it. */
async function loadAudience(accountId: number, conversationId: number): Promise<Audience | null> {
  const rows = await getDb()
    .select({
      assigneeId: conversations.assigneeId,
      userId: accountUsers.userId,
      roleId: customRoles.id,
      permissions: customRoles.permissions,
      follows: sql<boolean>`exists (select 1 from conversation_followers f
        where f.account_id = ${conversations.accountId} and f.conversation_id = ${conversations.id} and f.user_id = ${accountUsers.userId})`,
    })
    .from(conversations)
    .leftJoin(inboxMembers, and(eq(inboxMembers.accountId, conversations.accountId), eq(inboxMembers.inboxId, conversations.inboxId)))
    .leftJoin(accountUsers, and(eq(accountUsers.accountId, conversations.accountId), eq(accountUsers.userId, inboxMembers.userId), eq(accountUsers.role, "agent")))
    .leftJoin(customRoles, and(eq(customRoles.accountId, accountUsers.accountId), eq(customRoles.id, accountUsers.customRoleId)))
    .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversationId)));
  if (rows.length === 0) return null;
  const members: Member[] = [];
  for (const row of rows) {
    if (row.userId === null || row.roleId === null || row.permissions === null) continue;
    const visibility = visibilityOf(accountId, row.userId, { id: row.roleId, permissions: row.permissions });
    if (narrows(visibility)) members.push({ userId: row.userId, visibility, follows: row.follows });
  }
  return { assigneeId: rows[0].assigneeId, members };
}

/** For the layout: does typing need relaying in this account? False without live refresh; cached like the rest. */
export const accountHasNarrowedMembers = async (accountId: number): Promise<boolean> => isPusherConfigured() && (await hasNarrowedMembers(accountId));

/**
 * The narrowed members who may see the conversation as of now (none when live refresh is off or
 * nobody's role narrows: no query then), for events carrying no row (typing): the same rule as a
 * row event's, with the conversation's current assignee.
 */
export async function narrowedViewers(accountId: number, conversationId: number): Promise<number[]> {
  if (!isPusherConfigured() || !(await hasNarrowedMembers(accountId))) return [];
  const audience = await loadAudience(accountId, conversationId);
  if (!audience) return [];
  const { assigneeId } = audience;
  return audience.members.filter((m) => seesConversationAs(m.visibility, m.userId, { assigneeId, follows: m.follows })).map((m) => m.userId);
}

/**
 * The narrowed members of an inbox (for inbox-level events: deleted, polled, its bot changed),
 * read through `db` (inside the transaction that deletes the inbox, whose memberships go with
 * it). No query when live refresh is off or nobody's role narrows.
 */
export async function narrowedMembersOfInbox(db: DbOrTx, accountId: number, inboxId: number): Promise<number[]> {
  if (!isPusherConfigured() || !(await hasNarrowedMembers(accountId))) return [];
  const rows = await db
    .select({ userId: accountUsers.userId, roleId: customRoles.id, permissions: customRoles.permissions })
    .from(inboxMembers)
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, inboxMembers.accountId), eq(accountUsers.userId, inboxMembers.userId), eq(accountUsers.role, "agent")))
    .innerJoin(customRoles, and(eq(customRoles.accountId, accountUsers.accountId), eq(customRoles.id, accountUsers.customRoleId)))
    .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.inboxId, inboxId)));
  return rows.filter((r) => narrows(visibilityOf(accountId, r.userId, { id: r.roleId, permissions: r.permissions }))).map((r) => r.userId);
}

/** The inbox channel and the member channels of the inbox's narrowed members (`narrowedMembersOfInbox`). */
export const inboxAudience = (accountId: number, inboxId: number, narrowed: number[]) => [
  inboxChannel(accountId, inboxId),
  ...narrowed.map((userId) => memberChannel(accountId, userId)),
];

/**
 * The conversation an event is about, with its assignee when the payload says it (a row event:
 * the recipient gets that very snapshot, so it must be one they could see) and the assignee
 * before an assignment. Null for events that are not about one conversation.
 */
function conversationOf(event: RealtimeEvent): { accountId: number; id: number; assigneeId?: number | null; previousAssigneeId?: number | null } | null {
  switch (event.name) {
    case "conversation.created":
    case "conversation.updated":
    case "conversation.status_changed":
    case "assignee.changed": {
      const data = event.data as RealtimePayloads["assignee.changed"];
      const c = data.conversation;
      return { accountId: data.accountId, id: c.id, assigneeId: c.assignee?.id ?? null, previousAssigneeId: data.previousAssigneeId };
    }
    case "message.created":
    case "message.updated": {
      const data = event.data as RealtimePayloads["message.created"];
      return { accountId: data.accountId, id: data.message.conversationId };
    }
    case "conversation.read": {
      const data = event.data as RealtimePayloads["conversation.read"];
      return { accountId: data.accountId, id: data.conversationId };
    }
    default:
      return null;
  }
}

/**
 * The events, each followed by its copy for the narrowed members who may see its conversation
 * (and `conversation.hidden` for those an assignment took it from), for publishEvents. Call it
 * after the commit; the same list when live refresh is off or nobody's role narrows.
 */
export async function withNarrowedAudience(commit: CommitScope, events: RealtimeEvent[]): Promise<RealtimeEvent[]> {
  if (!isPusherConfigured()) return events;
  const about = events.map(conversationOf);
  if (about.every((c) => c === null)) return events;
  const out: RealtimeEvent[] = [];
  for (const [i, event] of events.entries()) {
    out.push(event);
    const c = about[i];
    if (!c || !(await hasNarrowedMembers(c.accountId))) continue;
    const audience = await commit.once(`narrowed-audience:${c.accountId}:${c.id}`, () => loadAudience(c.accountId, c.id));
    if (!audience) continue;
    const assigneeId = c.assigneeId === undefined ? audience.assigneeId : c.assigneeId;
    const sees: number[] = [];
    const lost: number[] = [];
    for (const m of audience.members) {
      if (seesConversationAs(m.visibility, m.userId, { assigneeId, follows: m.follows })) sees.push(m.userId);
      else if (
        event.name === "assignee.changed" &&
        c.previousAssigneeId !== undefined &&
        seesConversationAs(m.visibility, m.userId, { assigneeId: c.previousAssigneeId, follows: m.follows })
      ) {
        lost.push(m.userId);
      }
    }
    if (sees.length > 0) out.push({ ...event, channels: sees.map((userId) => memberChannel(c.accountId, userId)) });
    if (lost.length > 0) {
      const { conversation, version } = event.data as RealtimePayloads["assignee.changed"];
      const hidden = conversationHiddenPayload({ ...conversation, updatedAt: new Date(version) });
      out.push(realtimeEvent("conversation.hidden", lost.map((userId) => memberChannel(c.accountId, userId)), hidden));
    }
  }
  return out;
}

/**
 * Followers changed (participants added, replaced or removed): the only change of who may see a
 * conversation that no row event carries, since followers are not on the row. A narrowed member
 * who now sees it because they follow gets its row (conversation.updated); one who saw it only
 * because they followed gets conversation.hidden. Nobody else is concerned.
 */
export function emitFollowersChanged(afterCommit: AfterCommit, change: { accountId: number; conversationId: number; before: number[]; after: number[] }): void {
  const { accountId, conversationId } = change;
  const before = new Set(change.before);
  const after = new Set(change.after);
  const changed = new Set([...before, ...after].filter((id) => before.has(id) !== after.has(id)));
  if (changed.size === 0) return;
  afterCommit(async (commit) => {
    if (!isPusherConfigured() || !(await hasNarrowedMembers(accountId))) return;
    const audience = await commit.once(`narrowed-audience:${accountId}:${conversationId}`, () => loadAudience(accountId, conversationId));
    const members = audience?.members.filter((m) => changed.has(m.userId)) ?? [];
    if (!audience || members.length === 0) return;
    const assigneeId = audience.assigneeId;
    const sees = members.filter((m) => after.has(m.userId) && seesConversationAs(m.visibility, m.userId, { assigneeId, follows: true }));
    const lost = members.filter(
      (m) => before.has(m.userId) && seesConversationAs(m.visibility, m.userId, { assigneeId, follows: true }) && !seesConversationAs(m.visibility, m.userId, { assigneeId, follows: false }),
    );
    if (sees.length + lost.length === 0) return;
    // The same key as emit.ts's, so a commit that also emitted a row event reads the row once.
    const summary = await commit.once(`conversation-summary:${accountId}:${conversationId}`, () => loadConversationSummary(getDb(), accountId, conversationId));
    const to = (ms: Member[]) => ms.map((m) => memberChannel(accountId, m.userId));
    await publishEvents([
      ...(sees.length > 0 ? [realtimeEvent("conversation.updated", to(sees), conversationPayload(summary))] : []),
      ...(lost.length > 0 ? [realtimeEvent("conversation.hidden", to(lost), conversationHiddenPayload(summary))] : []),
    ]);
  });
}
