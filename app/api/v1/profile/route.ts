import { getProfileEndpoint } from "@/lib/api/endpoints/account";
import { apiRoute } from "@/lib/api/handler";
import { serializeProfile } from "@/lib/api/serializers/profile";
import { getProfile } from "@/lib/accounts/profile";

export const GET = apiRoute(getProfileEndpoint, async ({ db, userId }) => serializeProfile(await getProfile(db, userId)));
