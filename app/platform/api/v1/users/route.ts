import { platformCreateUserEndpoint } from "@/lib/api/endpoints/platform";
import { apiRoute } from "@/lib/api/handler";
import { serializePlatformUser } from "@/lib/api/serializers/platform";
import { createPlatformUser } from "@/lib/platform/users";

export const POST = apiRoute(platformCreateUserEndpoint, async ({ db, platformAppId, body }) =>
  serializePlatformUser(await createPlatformUser(db, platformAppId, body)),
);
