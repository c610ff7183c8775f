import { setProfileAvailabilityEndpoint } from "@/lib/api/endpoints/account";
import { apiRoute } from "@/lib/api/handler";
import { serializeProfile } from "@/lib/api/serializers/profile";
import { setOwnAvailability } from "@/lib/accounts/availability";
import { getProfile } from "@/lib/accounts/profile";

/** Chatwoot's POST /api/v1/profile/availability: answers with the profile, as Chatwoot does. */
export const POST = apiRoute(setProfileAvailabilityEndpoint, async ({ db, actor, userId, body }) => {
  await setOwnAvailability(db, actor, body.profile.account_id, { availability: body.profile.availability });
  return serializeProfile(await getProfile(db, userId));
});
