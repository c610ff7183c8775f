import type { z } from "zod";
import type { profileResponse } from "../responses";
import type { Profile } from "@/lib/accounts/profile";

/** Chatwoot's user JSON for GET /api/v1/profile. `access_token` is null: tokens are stored hashed. */
export function serializeProfile(p: Profile): z.infer<typeof profileResponse> {
  const first = p.accounts[0];
  return {
    id: p.id,
    uid: p.email,
    provider: "email",
    name: p.name,
    display_name: p.displayName,
    available_name: p.displayName || p.name,
    email: p.email,
    // Stored hashed: Chatwoot returns the token here, Postdesk only right after a reset (docs/api.md).
    access_token: null,
    account_id: first?.id ?? null,
    role: first?.role ?? null,
    confirmed: true,
    avatar_url: "",
    message_signature: p.messageSignature,
    // Chatwoot's dashboard keeps "add the signature to replies" in ui_settings.send_with_signature.
    ui_settings: { send_with_signature: p.signatureOnReplies },
    accounts: p.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      status: "active",
      role: a.role,
      availability: a.availability,
      availability_status: a.availability,
      auto_offline: a.autoOffline,
      active_at: null,
      custom_role_id: null,
      custom_role: null,
    })),
  };
}
