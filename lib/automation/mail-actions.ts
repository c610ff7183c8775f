import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { contacts, messages, teamMembers, teams, users } from "@/db/schema";
import { sendAccountMail, type AccountMailInput } from "@/lib/accounts/account-mail";
import { requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { findVisibleConversation } from "@/lib/conversations/find-conversation";
import { appUrl } from "@/lib/env";
import { invalid } from "@/lib/errors";
import { SmtpSendError } from "@/lib/mailbox/smtp/send-smtp";

/**
 * The mailing actions of rules and macros (Chatwoot's `send_email_transcript` and
 * `send_email_to_team`). They go out as the account's own system mail (./account-mail: its first
 * inbox with SMTP, or the local outbox), so they honour the same transport and outbound policy as
 * invitations. A refusal by the server lands on the run like any failed action.
 */

// Chatwoot sends one string with addresses separated by commas; a list of them is accepted too.
export function transcriptAddresses(params: unknown[]): string[] {
  return params
    .flatMap((p) => (typeof p === "string" ? p.split(",") : []))
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
}

const emailShape = z.string().email().max(320);
const MAX_RECIPIENTS = 20;

export function checkTranscriptParams(params: unknown[]): string | null {
  const addresses = transcriptAddresses(params);
  if (addresses.length === 0) return "Give at least one email address";
  if (addresses.length > MAX_RECIPIENTS) return `At most ${MAX_RECIPIENTS} addresses`;
  const bad = addresses.find((a) => !emailShape.safeParse(a).success);
  return bad ? `${bad} is not an email address` : null;
}

type TeamMail = { teamIds: number[]; message: string };

// Chatwoot's shape: `[{ "team_ids": [1, 2], "message": "…" }]`.
export function teamMailParams(params: unknown[]): TeamMail | null {
  const p = params[0];
  if (!p || typeof p !== "object" || Array.isArray(p)) return null;
  const raw = p as Record<string, unknown>;
  const ids = (Array.isArray(raw.team_ids) ? raw.team_ids : [raw.team_ids]).map(Number);
  const message = typeof raw.message === "string" ? raw.message.trim() : "";
  if (ids.length === 0 || !ids.every((id) => Number.isSafeInteger(id) && id > 0) || !message) return null;
  return { teamIds: [...new Set(ids)], message };
}

export function checkTeamMailParams(params: unknown[]): string | null {
  return teamMailParams(params) ? null : "Give team_ids and a message";
}

/**
 * Sends one mail per recipient. A temporary failure before anything went out is thrown, so the
 * action is retried; once one mail has gone out a retry would send it twice, so from then on (and
 * for any refusal) the failures are collected and reported as the action's failure, naming them.
 */
async function mailEach(db: DbOrTx, mails: AccountMailInput[]): Promise<void> {
  const failed: string[] = [];
  let sent = 0;
  for (const mail of mails) {
    try {
      // Account mail needs the pool, not a transaction: its SMTP login may refresh a token in its own.
      await sendAccountMail(db as Db, mail);
      sent++;
    } catch (error) {
      const permanent = error instanceof SmtpSendError && error.permanent;
      if (!permanent && sent === 0 && failed.length === 0) throw error;
      failed.push(`${mail.to} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (failed.length > 0) throw invalid(`not delivered to ${failed.join(", ")}`);
}

const conversationLink = (accountId: number, displayId: number) => `${appUrl()}/app/accounts/${accountId}/conversations/${displayId}`;

/** The conversation's messages in order as the customer saw them: no private notes, no activity lines. */
async function transcriptText(db: DbOrTx, accountId: number, conversationId: number): Promise<string> {
  const rows = await db
    .select({ type: messages.messageType, content: messages.content, createdAt: messages.createdAt, senderType: messages.senderType, userName: users.name, contactName: contacts.name })
    .from(messages)
    .leftJoin(users, and(eq(messages.senderType, "user"), eq(users.id, messages.senderId)))
    .leftJoin(contacts, and(eq(messages.senderType, "contact"), eq(contacts.accountId, messages.accountId), eq(contacts.id, messages.senderId)))
    .where(and(eq(messages.accountId, accountId), eq(messages.conversationId, conversationId), eq(messages.private, false), ne(messages.messageType, "activity")))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows
    .map((m) => {
      const who = m.type === "incoming" ? (m.contactName ?? "Customer") : (m.userName ?? "Support");
      return `${who} (${m.createdAt.toISOString()}):\n${m.content ?? ""}`;
    })
    .join("\n\n");
}

export async function sendEmailTranscript(db: DbOrTx, actor: Actor, accountId: number, displayId: number, params: unknown[]): Promise<undefined> {
  const problem = checkTranscriptParams(params);
  if (problem) throw invalid(problem);
  const conversation = await findVisibleConversation(db, await requireAccountAccess(db, actor, accountId), displayId);
  const text = `${await transcriptText(db, accountId, conversation.id)}\n\n— ${conversationLink(accountId, displayId)}\n`;
  const subject = `[#${displayId}] Conversation transcript`;
  await mailEach(db, transcriptAddresses(params).map((to) => ({ accountId, kind: "conversation_transcript" as const, to, subject, text })));
  return undefined;
}

export async function sendEmailToTeam(db: DbOrTx, actor: Actor, accountId: number, displayId: number, params: unknown[]): Promise<string | undefined> {
  const mail = teamMailParams(params);
  if (!mail) throw invalid("Give team_ids and a message");
  await findVisibleConversation(db, await requireAccountAccess(db, actor, accountId), displayId);
  const found = await db.select({ id: teams.id }).from(teams).where(and(eq(teams.accountId, accountId), inArray(teams.id, mail.teamIds)));
  if (found.length === 0) throw invalid("None of these teams exists");
  const members = await db
    .selectDistinct({ email: users.email })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.accountId, accountId), inArray(teamMembers.teamId, found.map((t) => t.id))));
  if (members.length === 0) throw invalid("The team has no members to mail");
  const text = `${mail.message}\n\nConversation #${displayId}: ${conversationLink(accountId, displayId)}\n`;
  const subject = `[#${displayId}] ${mail.message.split("\n")[0].slice(0, 120)}`;
  await mailEach(db, members.map(({ email }) => ({ accountId, kind: "team_notification" as const, to: email, subject, text })));
  return found.length < mail.teamIds.length ? "some teams no longer exist" : undefined;
}
