import type { Account } from "@/db/schema";
import type { PlatformUser } from "@/lib/platform/users";

/** Chatwoot's platform account JSON. */
export function serializePlatformAccount(a: Account) {
  return {
    id: a.id,
    name: a.name,
    locale: a.locale,
    domain: a.domain,
    support_email: a.supportEmail,
    enabled_features: {},
    custom_attributes: a.customAttributes,
    limits: a.limits,
    status: a.status,
  };
}

/**
 * Chatwoot's platform user JSON. `access_token` is the API token only when the user was just
 * created (tokens are stored hashed), else null; `role`/`account_id` are the first membership's.
 */
export function serializePlatformUser({ user, memberships, accessToken }: PlatformUser) {
  const first = memberships[0];
  return {
    access_token: accessToken,
    account_id: first?.accountId ?? null,
    available_name: user.displayName || user.name,
    avatar_url: "",
    confirmed: true,
    display_name: user.displayName,
    message_signature: null,
    email: user.email,
    id: user.id,
    name: user.name,
    provider: "email",
    pubsub_token: null,
    custom_attributes: user.customAttributes,
    role: first?.role ?? null,
    ui_settings: {},
    uid: user.email,
    accounts: memberships.map((m) => ({ id: m.accountId, name: m.accountName, active_at: null, role: m.role })),
  };
}

export const serializeAccountUser = (r: { accountId: number; userId: number; role: string }) => ({
  account_id: r.accountId,
  user_id: r.userId,
  role: r.role,
});
