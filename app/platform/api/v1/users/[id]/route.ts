import { platformDeleteUserEndpoint, platformShowUserEndpoint, platformUpdateUserEndpoint } from "@/lib/api/endpoints/platform";
import { apiRoute } from "@/lib/api/handler";
import { serializePlatformUser } from "@/lib/api/serializers/platform";
import { deletePlatformUser, getPlatformUser, updatePlatformUser } from "@/lib/platform/users";

export const GET = apiRoute(platformShowUserEndpoint, async ({ db, platformAppId, params }) =>
  serializePlatformUser(await getPlatformUser(db, platformAppId, params.id)),
);

export const PATCH = apiRoute(platformUpdateUserEndpoint, async ({ db, platformAppId, params, body }) =>
  serializePlatformUser(await updatePlatformUser(db, platformAppId, params.id, body)),
);

export const DELETE = apiRoute(platformDeleteUserEndpoint, async ({ db, platformAppId, params }) => {
  await deletePlatformUser(db, platformAppId, params.id);
});
