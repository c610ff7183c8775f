import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inboxes, webhooks, type Webhook } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput, type FieldNames } from "@/lib/api/validation";
import type { Actor } from "@/lib/auth/actor";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { invalid, notFound } from "@/lib/errors";
import { INTEGRATION_EVENTS } from "../events";
import { checkTargetUrl } from "../target-url";
import { generateSigningSecret } from "../delivery/sign";

/**
 * Account webhooks (Settings → Integrations → Webhooks and Chatwoot's /webhooks API), for
 * administrators only. The signing secret is readable by them (shown on creation and on the edit
 * form, as Chatwoot does) and encrypted at rest. Rotating keeps the previous secret signing too
 * for ROTATION_OVERLAP_MS, so receivers can switch without losing a delivery.
 */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
export const MAX_WEBHOOKS_PER_ACCOUNT = 100;

export type WebhookView = {
  id: number;
  accountId: number;
  name: string | null;
  url: string;
  subscriptions: string[];
  inboxId: number | null;
  /** The filtered inbox, when there is one. */
  inbox: { id: number; name: string; channelType: "api" | "email" } | null;
  secret: string;
  /** Until when the previous secret still signs (after a rotation), or null. */
  previousSecretExpiresAt: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const subscriptionsField = z
  .array(z.string().trim())
  .max(INTEGRATION_EVENTS.length * 2)
  .transform((list) => [...new Set(list.filter((s) => s !== ""))])
  .refine((list) => list.every((s) => (INTEGRATION_EVENTS as readonly string[]).includes(s)), { message: "Subscriptions contain an unknown event" });

export const webhookInput = z.object({
  url: z.string().trim().min(1, "URL is required").max(2000),
  name: z.string().trim().max(255).nullish(),
  subscriptions: subscriptionsField.refine((list) => list.length > 0, { message: "Choose at least one event" }),
  inboxId: z.number().int().positive().nullish(),
});
export type WebhookInput = z.input<typeof webhookInput>;

export const webhookUpdateInput = webhookInput.partial().extend({
  /** true re-enables a webhook that was disabled after failing for days. */
  enabled: z.boolean().optional(),
});
export type WebhookUpdateInput = z.input<typeof webhookUpdateInput>;

type InboxRef = WebhookView["inbox"];

/** The views of some webhooks with their filtered inbox's name. */
async function viewsOf(db: DbOrTx, accountId: number, rows: Webhook[]): Promise<WebhookView[]> {
  const ids = [...new Set(rows.map((r) => r.inboxId).filter((id): id is number => id !== null))];
  const found = ids.length
    ? await db.select({ id: inboxes.id, name: inboxes.name, channelType: inboxes.channelType }).from(inboxes).where(and(eq(inboxes.accountId, accountId), inArray(inboxes.id, ids)))
    : [];
  const byId = new Map(found.map((i) => [i.id, i as NonNullable<InboxRef>]));
  return rows.map((r) => webhookView(r, r.inboxId ? (byId.get(r.inboxId) ?? null) : null));
}

export function webhookView(row: Webhook, inbox: InboxRef = null): WebhookView {
  return {
    inbox,
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    url: row.url,
    subscriptions: row.subscriptions,
    inboxId: row.inboxId,
    secret: decryptSecret(row.secret),
    previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now() ? row.previousSecretExpiresAt : null,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function requireAdmin(db: DbOrTx, actor: Actor, accountId: number) {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "integration_manage");
  return access;
}

export async function listWebhooks(db: DbOrTx, actor: Actor, accountId: number): Promise<WebhookView[]> {
  await requireAdmin(db, actor, accountId);
  const rows = await db.select().from(webhooks).where(eq(webhooks.accountId, accountId)).orderBy(asc(webhooks.id));
  return viewsOf(db, accountId, rows);
}

export async function getWebhook(db: DbOrTx, actor: Actor, accountId: number, webhookId: number): Promise<WebhookView> {
  await requireAdmin(db, actor, accountId);
  const [view] = await viewsOf(db, accountId, [await findWebhookRow(db, accountId, webhookId)]);
  return view;
}

export async function findWebhookRow(db: DbOrTx, accountId: number, webhookId: number): Promise<Webhook> {
  const [row] = await db.select().from(webhooks).where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, webhookId)));
  if (!row) throw notFound("Webhook");
  return row;
}

async function checkInbox(db: DbOrTx, accountId: number, inboxId: number | null | undefined): Promise<void> {
  if (!inboxId) return;
  const [row] = await db.select({ id: inboxes.id }).from(inboxes).where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)));
  if (!row) throw invalid("Inbox not found");
}

async function checkUniqueUrl(db: DbOrTx, accountId: number, url: string, exceptId?: number): Promise<void> {
  const [row] = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.accountId, accountId), eq(webhooks.url, url), exceptId ? ne(webhooks.id, exceptId) : undefined));
  // Chatwoot's rule: one webhook per URL in an account.
  if (row) throw invalid("Url has already been taken");
}

export async function createWebhook(db: DbOrTx, actor: Actor, accountId: number, params: WebhookInput, names: FieldNames = "form"): Promise<WebhookView> {
  await requireAdmin(db, actor, accountId);
  const input = parseInput(webhookInput, params, names);
  const url = checkTargetUrl(input.url);
  await checkInbox(db, accountId, input.inboxId);
  await checkUniqueUrl(db, accountId, url);
  const existing = await db.$count(webhooks, eq(webhooks.accountId, accountId));
  if (existing >= MAX_WEBHOOKS_PER_ACCOUNT) throw invalid(`An account can have at most ${MAX_WEBHOOKS_PER_ACCOUNT} webhooks`);
  const [row] = await db
    .insert(webhooks)
    .values({ accountId, url, name: input.name || null, subscriptions: input.subscriptions, inboxId: input.inboxId ?? null, secret: encryptSecret(generateSigningSecret()) })
    .returning();
  return (await viewsOf(db, accountId, [row]))[0];
}

export async function updateWebhook(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  webhookId: number,
  params: WebhookUpdateInput,
  names: FieldNames = "form",
): Promise<WebhookView> {
  await requireAdmin(db, actor, accountId);
  const input = parseInput(webhookUpdateInput, params, names);
  await findWebhookRow(db, accountId, webhookId);
  const changes: Partial<typeof webhooks.$inferInsert> = { updatedAt: new Date() };
  if (input.url !== undefined) {
    changes.url = checkTargetUrl(input.url);
    await checkUniqueUrl(db, accountId, changes.url, webhookId);
  }
  if (input.name !== undefined) changes.name = input.name || null;
  if (input.subscriptions !== undefined) changes.subscriptions = input.subscriptions;
  if (input.inboxId !== undefined) {
    await checkInbox(db, accountId, input.inboxId);
    changes.inboxId = input.inboxId ?? null;
  }
  if (input.enabled === true) Object.assign(changes, { disabledAt: null, disabledReason: null, failingSince: null });
  if (input.enabled === false) Object.assign(changes, { disabledAt: new Date(), disabledReason: "Disabled by an administrator" });
  const [row] = await db
    .update(webhooks)
    .set(changes)
    .where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, webhookId)))
    .returning();
  return (await viewsOf(db, accountId, [row]))[0];
}

export async function deleteWebhook(db: DbOrTx, actor: Actor, accountId: number, webhookId: number): Promise<void> {
  await requireAdmin(db, actor, accountId);
  const deleted = await db
    .delete(webhooks)
    .where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, webhookId)))
    .returning({ id: webhooks.id });
  if (deleted.length === 0) throw notFound("Webhook");
}

/** A new secret; the current one keeps signing (as a second signature) for 24 hours. */
export async function rotateWebhookSecret(db: DbOrTx, actor: Actor, accountId: number, webhookId: number): Promise<WebhookView> {
  await requireAdmin(db, actor, accountId);
  const current = await findWebhookRow(db, accountId, webhookId);
  const [row] = await db
    .update(webhooks)
    .set({
      secret: encryptSecret(generateSigningSecret()),
      previousSecret: current.secret,
      previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS),
      updatedAt: new Date(),
    })
    .where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, webhookId)))
    .returning();
  return (await viewsOf(db, accountId, [row]))[0];
}
