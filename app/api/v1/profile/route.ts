import { getProfileEndpoint, updateProfileEndpoint } from "@/lib/api/endpoints/account";
import { apiRoute } from "@/lib/api/handler";
import { serializeProfile } from "@/lib/api/serializers/profile";
import { getProfile } from "@/lib/accounts/profile";
import { updateOwnProfile, updateOwnSignature } from "@/lib/accounts/update-own-profile";
import { inTransaction } from "@/db/transaction";

export const GET = apiRoute(getProfileEndpoint, async ({ db, userId }) => serializeProfile(await getProfile(db, userId)));

/** Chatwoot's PUT /api/v1/profile: what is given changes (name, display name, signature), the rest stays. */
export const PUT = apiRoute(updateProfileEndpoint, async ({ db, actor, userId, body }) => {
  await inTransaction(db, async (tx) => {
    if (body.name !== undefined || body.display_name !== undefined) {
      const current = await getProfile(tx, userId);
      await updateOwnProfile(tx, actor, { name: body.name ?? current.name, displayName: body.display_name ?? current.displayName ?? "" });
    }
    await updateOwnSignature(tx, actor, { messageSignature: body.message_signature, signatureOnReplies: body.ui_settings?.send_with_signature });
  });
  return serializeProfile(await getProfile(db, userId));
});
