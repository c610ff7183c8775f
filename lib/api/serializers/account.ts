import type { AccountDetails } from "@/lib/accounts/account";

/** Chatwoot's account_detail JSON. */
export function serializeAccount(a: AccountDetails) {
  return {
    id: a.id,
    name: a.name,
    locale: a.locale,
    status: "active",
    created_at: a.createdAt.toISOString(),
    features: {},
    settings: {},
    custom_attributes: {},
  };
}
