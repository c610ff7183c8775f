import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { customAttributeDefinitions, type CustomAttributeDefinition } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, requireAdministrator } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { uniqueViolation } from "@/lib/contacts/contacts";
import { invalid, notFound } from "@/lib/errors";

export type { CustomAttributeDefinition };

export const ATTRIBUTE_MODELS = ["conversation_attribute", "contact_attribute"] as const;
export const ATTRIBUTE_DISPLAY_TYPES = ["text", "number", "currency", "percent", "link", "date", "list", "checkbox"] as const;
export type AttributeModel = (typeof ATTRIBUTE_MODELS)[number];
export type AttributeDisplayType = (typeof ATTRIBUTE_DISPLAY_TYPES)[number];

// Chatwoot stores both as integer enums and its clients send either the number or the name.
const enumOf = <T extends readonly [string, ...string[]]>(names: T, aliases: Record<string, T[number]> = {}) =>
  z.preprocess((v) => {
    if (typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v))) return names[Number(v)] ?? v;
    if (typeof v === "string") return aliases[v.trim().toLowerCase()] ?? v.trim().toLowerCase();
    return v;
  }, z.enum(names));
export const attributeModel = enumOf(ATTRIBUTE_MODELS, { conversation: "conversation_attribute", contact: "contact_attribute" });
const displayType = enumOf(ATTRIBUTE_DISPLAY_TYPES);

// The columns Chatwoot reserves (a custom attribute may not shadow them).
const STANDARD_KEYS: Record<AttributeModel, readonly string[]> = {
  conversation_attribute: ["status", "priority", "assignee_id", "inbox_id", "team_id", "display_id", "campaign_id", "labels", "browser_language", "country_code", "referer", "created_at", "last_activity_at"],
  contact_attribute: ["name", "email", "phone_number", "identifier", "country_code", "city", "company_name", "created_at", "last_activity_at", "referer", "blocked"],
};

const optionalText = (max: number) => z.preprocess((v) => (v === null ? "" : v), z.string().trim().max(max)).optional();
const fields = {
  attributeDisplayName: z.string().trim().min(1, "Display name can't be blank").max(255),
  attributeKey: z
    .string()
    .trim()
    .min(1, "Key can't be blank")
    .max(255)
    .regex(/^[\p{L}\p{N}_.-]+$/u, "Key may contain only letters, numbers, _, . and -"),
  attributeModel,
  attributeDisplayType: displayType,
  attributeDescription: optionalText(2000),
  attributeValues: z.array(z.string().trim().min(1).max(255)).max(200).optional(),
  regexPattern: optionalText(500),
  regexCue: optionalText(500),
};
export const createDefinitionInput = z.object({
  ...fields,
  attributeModel: fields.attributeModel.default("conversation_attribute"),
  attributeDisplayType: fields.attributeDisplayType.default("text"),
});
export const updateDefinitionInput = z.object(fields).partial();
export type CreateDefinitionInput = z.input<typeof createDefinitionInput>;
export type UpdateDefinitionInput = z.input<typeof updateDefinitionInput>;

/** The account's definitions, of one model or both, in their order. Every member sees them. */
export async function listDefinitions(db: DbOrTx, actor: Actor, accountId: number, model?: AttributeModel): Promise<CustomAttributeDefinition[]> {
  await requireAccountAccess(db, actor, accountId);
  return db
    .select()
    .from(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.accountId, accountId), model ? eq(customAttributeDefinitions.attributeModel, model) : undefined))
    .orderBy(asc(customAttributeDefinitions.attributeModel), asc(customAttributeDefinitions.position), asc(customAttributeDefinitions.id));
}

export async function getDefinition(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<CustomAttributeDefinition> {
  await requireAccountAccess(db, actor, accountId);
  return findDefinition(db, accountId, id);
}

export async function createDefinition(db: DbOrTx, actor: Actor, accountId: number, params: CreateDefinitionInput): Promise<CustomAttributeDefinition> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const input = parseInput(createDefinitionInput, params, "api");
  if (STANDARD_KEYS[input.attributeModel].includes(input.attributeKey)) throw invalid(`Key ${input.attributeKey} is a standard attribute`);
  const values = checkValues(input.attributeDisplayType, input.attributeValues);
  const [row] = await saving(() =>
    db
      .insert(customAttributeDefinitions)
      .values({
        accountId,
        attributeModel: input.attributeModel,
        attributeKey: input.attributeKey,
        attributeDisplayName: input.attributeDisplayName,
        attributeDisplayType: input.attributeDisplayType,
        attributeDescription: input.attributeDescription || null,
        attributeValues: values,
        regexPattern: input.regexPattern || null,
        regexCue: input.regexCue || null,
        // After the model's last one (Chatwoot numbers them in tens).
        position: sql`(select coalesce(max(${customAttributeDefinitions.position}), 0) + 10 from ${customAttributeDefinitions} where ${customAttributeDefinitions.accountId} = ${accountId} and ${customAttributeDefinitions.attributeModel} = ${input.attributeModel})`,
      })
      .returning(),
  );
  return row;
}

/** The key and model stay what they were made with: values already stored use them. */
export async function updateDefinition(db: DbOrTx, actor: Actor, accountId: number, id: number, params: UpdateDefinitionInput): Promise<CustomAttributeDefinition> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const input = parseInput(updateDefinitionInput, params, "api");
  const current = await findDefinition(db, accountId, id);
  const type = input.attributeDisplayType ?? current.attributeDisplayType;
  const values = input.attributeValues !== undefined || input.attributeDisplayType !== undefined ? checkValues(type, input.attributeValues ?? current.attributeValues) : undefined;
  const [row] = await db
    .update(customAttributeDefinitions)
    .set({
      ...(input.attributeDisplayName !== undefined ? { attributeDisplayName: input.attributeDisplayName } : {}),
      ...(input.attributeDisplayType !== undefined ? { attributeDisplayType: input.attributeDisplayType } : {}),
      ...(input.attributeDescription !== undefined ? { attributeDescription: input.attributeDescription || null } : {}),
      ...(values !== undefined ? { attributeValues: values } : {}),
      ...(input.regexPattern !== undefined ? { regexPattern: input.regexPattern || null } : {}),
      ...(input.regexCue !== undefined ? { regexCue: input.regexCue || null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(customAttributeDefinitions.accountId, accountId), eq(customAttributeDefinitions.id, id)))
    .returning();
  return row;
}

/** Deleting a definition leaves the values stored on conversations and contacts alone, as Chatwoot does. */
export async function deleteDefinition(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  await findDefinition(db, accountId, id);
  await db.delete(customAttributeDefinitions).where(and(eq(customAttributeDefinitions.accountId, accountId), eq(customAttributeDefinitions.id, id)));
}

function checkValues(type: AttributeDisplayType, values: string[] | undefined): string[] {
  if (type !== "list") return [];
  const list = [...new Set(values ?? [])];
  if (list.length === 0) throw invalid("A list attribute needs at least one value");
  return list;
}

async function findDefinition(db: DbOrTx, accountId: number, id: number): Promise<CustomAttributeDefinition> {
  const [row] = await db
    .select()
    .from(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.accountId, accountId), eq(customAttributeDefinitions.id, id)))
    .limit(1);
  if (!row) throw notFound("Custom attribute definition");
  return row;
}

async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (uniqueViolation(e) === "custom_attribute_definitions_key") throw invalid("Key has already been taken");
    throw e;
  }
}
