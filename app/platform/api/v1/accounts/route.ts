import { platformCreateAccountEndpoint } from "@/lib/api/endpoints/platform";
import { apiRoute } from "@/lib/api/handler";
import { serializePlatformAccount } from "@/lib/api/serializers/platform";
import { createPlatformAccount } from "@/lib/platform/accounts";

export const POST = apiRoute(platformCreateAccountEndpoint, async ({ db, platformAppId, body }) =>
  serializePlatformAccount(await createPlatformAccount(db, platformAppId, body)),
);
