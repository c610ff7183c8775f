import { z } from "zod";
import type { AgentBot } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { generateSigningSecret } from "@/lib/integrations/delivery/sign";
import { checkUserUrl } from "@/lib/net/user-url";

/**
 * What clients send for a bot, as Chatwoot accepts it: bot_type as 0 or "webhook", bot_config as
 * an object or a JSON string (multipart forms), empty strings for "no value".
 */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim()));

export const agentBotInput = z.object({
  name: z.string().trim().min(1, "name can't be blank").max(255).optional(),
  description: optionalText(2000),
  outgoing_url: optionalText(2048),
  avatar_url: optionalText(2048),
  bot_type: z.union([z.literal(0), z.literal("0"), z.literal("webhook")]).optional(),
  bot_config: z
    .union([z.record(z.string(), z.unknown()), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (typeof v !== "string") return v;
      try {
        const parsed: unknown = JSON.parse(v || "{}");
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: "custom", message: "bot_config must be a JSON object" });
      return z.NEVER;
    }),
});
export type AgentBotInput = z.input<typeof agentBotInput>;

/** Columns to write from validated input; URLs pass the outbound policy. */
export function botColumns(input: z.output<typeof agentBotInput>): Partial<typeof import("@/db/schema").agentBots.$inferInsert> {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.outgoing_url !== undefined ? { outgoingUrl: input.outgoing_url === null ? null : checkUserUrl(input.outgoing_url, "outgoing_url") } : {}),
    ...(input.avatar_url !== undefined ? { avatarUrl: input.avatar_url === null ? null : checkAvatarUrl(input.avatar_url) } : {}),
    ...(input.bot_config !== undefined ? { botConfig: input.bot_config } : {}),
  };
}

// The browser loads avatars (img-src allows https and http): only the scheme is checked.
function checkAvatarUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return url.toString();
  } catch {
    // fall through
  }
  return checkUserUrl(value, "avatar_url");
}

/** A fresh access token and signing secret for a new bot: the token is returned once. */
export function newBotCredentials(): { accessToken: string; columns: { accessTokenHash: string; secretEncrypted: string } } {
  const accessToken = generateSecretToken();
  return { accessToken, columns: { accessTokenHash: hashToken(accessToken), secretEncrypted: encryptSecret(newBotSecret()) } };
}

// whsec_…: one secret for both signature schemes (lib/integrations/delivery/sign.ts).
export const newBotSecret = () => generateSigningSecret();

export type AgentBotDetails = AgentBot & {
  /** The access token in clear: only right after creation or a reset. */
  accessToken: string | null;
  /** The secret this bot's events are signed with: for administrators (and platform apps) only. */
  secret: string | null;
};

export function botDetails(row: AgentBot, accessToken: string | null = null, options: { withSecret: boolean } = { withSecret: true }): AgentBotDetails {
  return { ...row, accessToken, secret: options.withSecret ? decryptSecret(row.secretEncrypted) : null };
}
