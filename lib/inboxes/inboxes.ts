import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { channelApi, inboxes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, assertInboxAccess, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { can, requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { insertInboxMembers } from "./members";
import { inTransaction } from "@/db/transaction";
import { refusedHostLiteral } from "@/lib/net/outbound-policy";
import { decryptSecret, encryptSecret, hasSecretKey } from "@/lib/crypto/secrets";
import { generateSigningSecret } from "@/lib/integrations/delivery/sign";
import { httpAllowed } from "@/lib/integrations/target-url";
import { autoAssignmentLimitInput } from "@/lib/assignment/settings";
import type { Schedule } from "@/lib/business-hours/schedule";
import { sendAutoAssignmentRequest } from "@/lib/assignment/requests";

/**
 * Why a callback URL may not be saved, or null: not http(s), credentials in it, or a host the
 * outbound policy refuses without resolving it (loopback, private or link-local literals,
 * localhost). Names are checked again, resolved, at every delivery.
 */
export function refusedCallbackUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Webhook URL is invalid";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Webhook URL must start with https://";
  if (url.protocol === "http:" && !httpAllowed()) {
    return "Webhook URL must use https:// (plain http is allowed only when the installation sets INTEGRATIONS_ALLOW_HTTP=true)";
  }
  if (url.username || url.password) return "Webhook URL must not contain a user name or password";
  const refused = refusedHostLiteral(url.hostname.replace(/^\[|\]$/g, ""));
  return refused ? `Webhook URL: ${refused}` : null;
}

export type InboxDetails = {
  id: number;
  accountId: number;
  name: string;
  channelType: "api" | "email";
  channelId: number;
  greetingEnabled: boolean;
  greetingMessage: string | null;
  /** Email inboxes: appended to every email reply (sanitized HTML), null when none. */
  emailSignature: string | null;
  enableAutoAssignment: boolean;
  /** Open conversations per agent in this inbox that auto-assignment stops at; null = no limit. */
  autoAssignmentLimit: number | null;
  allowMessagesAfterResolved: boolean;
  /** Business hours (lib/business-hours): on or off, the inbox's own schedule (null = the account's), the out-of-office reply. */
  workingHoursEnabled: boolean;
  businessHours: Schedule | null;
  outOfOfficeMessage: string | null;
  /** Satisfaction surveys on resolve (lib/csat). */
  csatSurveyEnabled: boolean;
  /** Chatwoot's csat_config: the survey's display type and message (lib/csat/config.ts). */
  csatConfig: { display_type?: "emoji" | "star"; message?: string };
  createdAt: Date;
  /**
   * API channel settings; null for other channel types. The identifier and HMAC token are secrets
   * of the integration: null unless the actor is an administrator.
   */
  api: { webhookUrl: string | null; identifier: string | null; hmacToken: string | null; hmacMandatory: boolean; secret: string | null } | null;
};

const columns = {
  id: inboxes.id,
  accountId: inboxes.accountId,
  name: inboxes.name,
  channelType: inboxes.channelType,
  channelId: inboxes.channelId,
  greetingEnabled: inboxes.greetingEnabled,
  greetingMessage: inboxes.greetingMessage,
  emailSignature: inboxes.emailSignature,
  enableAutoAssignment: inboxes.enableAutoAssignment,
  autoAssignmentLimit: inboxes.autoAssignmentLimit,
  allowMessagesAfterResolved: inboxes.allowMessagesAfterResolved,
  workingHoursEnabled: inboxes.workingHoursEnabled,
  businessHours: inboxes.businessHours,
  outOfOfficeMessage: inboxes.outOfOfficeMessage,
  csatSurveyEnabled: inboxes.csatSurveyEnabled,
  csatConfig: inboxes.csatConfig,
  createdAt: inboxes.createdAt,
  webhookUrl: channelApi.webhookUrl,
  identifier: channelApi.identifier,
  hmacToken: channelApi.hmacToken,
  hmacMandatory: channelApi.hmacMandatory,
  secret: channelApi.secret,
};

async function selectInboxes(db: DbOrTx, access: AccountAccess, where: SQL | undefined): Promise<InboxDetails[]> {
  const accountId = access.accountId;
  const showSecrets = can(access, "inbox_manage");
  const rows = await db
    .select(columns)
    .from(inboxes)
    .leftJoin(
      channelApi,
      and(eq(inboxes.channelType, "api"), eq(channelApi.id, inboxes.channelId), eq(channelApi.accountId, inboxes.accountId)),
    )
    .where(and(eq(inboxes.accountId, accountId), where))
    .orderBy(asc(inboxes.name), asc(inboxes.id));
  return rows.map(({ webhookUrl, identifier, hmacToken, hmacMandatory, secret, ...inbox }) => ({
    ...inbox,
    api:
      identifier !== null && hmacToken !== null
        ? {
            webhookUrl,
            identifier: showSecrets ? identifier : null,
            hmacToken: showSecrets ? hmacToken : null,
            hmacMandatory: hmacMandatory ?? false,
            secret: showSecrets && secret ? readableSecret(secret) : null,
          }
        : null,
  }));
}

/** The callback's signing secret, or null when the encryption key changed (it is made again then). */
function readableSecret(stored: string): string | null {
  try {
    return decryptSecret(stored);
  } catch {
    return null;
  }
}

/** Inboxes the actor can see: all of them for administrators, their own for agents. */
export async function listInboxes(db: DbOrTx, actor: Actor, accountId: number): Promise<InboxDetails[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  const visible = await accessibleInboxIds(db, access);
  if (visible !== "all" && visible.length === 0) return [];
  return selectInboxes(db, access, visible === "all" ? undefined : inArray(inboxes.id, visible));
}

export async function getInbox(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<InboxDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  await assertInboxAccess(db, access, inboxId);
  const [inbox] = await selectInboxes(db, access, eq(inboxes.id, inboxId));
  if (!inbox) throw notFound("Inbox");
  return inbox;
}

const inboxSettings = {
  greetingEnabled: z.boolean().optional(),
  greetingMessage: z.string().max(10_000).nullable().optional(),
  enableAutoAssignment: z.boolean().optional(),
  autoAssignmentLimit: autoAssignmentLimitInput,
  allowMessagesAfterResolved: z.boolean().optional(),
  // The callback URL receives this inbox's signed events: it must pass the outbound address policy.
  webhookUrl: z
    .union([z.url("Webhook URL is invalid"), z.literal("")])
    .nullable()
    .optional()
    .superRefine((value, ctx) => {
      const refused = value ? refusedCallbackUrl(value) : null;
      if (refused) ctx.addIssue({ code: "custom", message: refused });
    }),
  hmacMandatory: z.boolean().optional(),
};

export const createApiInboxInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  ...inboxSettings,
  memberIds: z.array(z.number().int().positive()).max(1000).optional(),
});
export type CreateApiInboxInput = z.input<typeof createApiInboxInput>;

export async function createApiInbox(db: DbOrTx, actor: Actor, accountId: number, params: CreateApiInboxInput): Promise<InboxDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const input = parseInput(createApiInboxInput, params);
  const inboxId = await inTransaction(db, async (tx) => {
    const [channel] = await tx
      .insert(channelApi)
      .values({
        accountId,
        webhookUrl: input.webhookUrl || null,
        hmacMandatory: input.hmacMandatory ?? false,
        identifier: randomBytes(18).toString("base64url"),
        hmacToken: randomBytes(18).toString("base64url"),
        // Without a key (some scripts and tests) the first delivery makes it (lib/client-api/callback-target.ts).
        secret: hasSecretKey() ? encryptSecret(generateSigningSecret()) : null,
      })
      .returning({ id: channelApi.id });
    const [inbox] = await tx
      .insert(inboxes)
      .values({
        accountId,
        name: input.name,
        channelType: "api",
        channelId: channel.id,
        greetingEnabled: input.greetingEnabled,
        greetingMessage: input.greetingMessage,
        enableAutoAssignment: input.enableAutoAssignment,
        autoAssignmentLimit: input.autoAssignmentLimit,
        allowMessagesAfterResolved: input.allowMessagesAfterResolved,
      })
      .returning({ id: inboxes.id });
    if (input.memberIds && input.memberIds.length > 0) await insertInboxMembers(tx, accountId, inbox.id, input.memberIds);
    return inbox.id;
  });
  const [created] = await selectInboxes(db, access, eq(inboxes.id, inboxId));
  if (!created) throw notFound("Inbox");
  return created;
}

export const updateInboxInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255).optional(),
  ...inboxSettings,
});
export type UpdateInboxInput = z.input<typeof updateInboxInput>;

export async function updateInbox(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, params: UpdateInboxInput): Promise<InboxDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const { webhookUrl, hmacMandatory, ...settings } = parseInput(updateInboxInput, params);
  await inTransaction(db, async (tx) => {
    const [inbox] = await tx
      .update(inboxes)
      .set({ ...settings, updatedAt: new Date() })
      .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)))
      .returning({ channelType: inboxes.channelType, channelId: inboxes.channelId });
    if (!inbox) throw notFound("Inbox");
    if (inbox.channelType === "api" && (webhookUrl !== undefined || hmacMandatory !== undefined)) {
      await tx
        .update(channelApi)
        .set({
          ...(webhookUrl !== undefined ? { webhookUrl: webhookUrl || null } : {}),
          ...(hmacMandatory !== undefined ? { hmacMandatory } : {}),
          updatedAt: new Date(),
        })
        .where(and(eq(channelApi.accountId, accountId), eq(channelApi.id, inbox.channelId)));
    }
  });
  const [updated] = await selectInboxes(db, access, eq(inboxes.id, inboxId));
  if (!updated) throw notFound("Inbox");
  if (settings.enableAutoAssignment || settings.autoAssignmentLimit !== undefined) await sendAutoAssignmentRequest({ accountId, inboxId });
  return updated;
}
