import { platformDeleteAccountEndpoint, platformShowAccountEndpoint, platformUpdateAccountEndpoint } from "@/lib/api/endpoints/platform";
import { apiRoute } from "@/lib/api/handler";
import { serializePlatformAccount } from "@/lib/api/serializers/platform";
import { deletePlatformAccount, getPlatformAccount, updatePlatformAccount } from "@/lib/platform/accounts";

export const GET = apiRoute(platformShowAccountEndpoint, async ({ db, platformAppId, params }) =>
  serializePlatformAccount(await getPlatformAccount(db, platformAppId, params.account_id)),
);

export const PATCH = apiRoute(platformUpdateAccountEndpoint, async ({ db, platformAppId, params, body }) =>
  serializePlatformAccount(await updatePlatformAccount(db, platformAppId, params.account_id, body)),
);

export const DELETE = apiRoute(platformDeleteAccountEndpoint, async ({ db, platformAppId, params }) => {
  await deletePlatformAccount(db, platformAppId, params.account_id);
});
