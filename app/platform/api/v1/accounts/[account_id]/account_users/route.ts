import { platformAddAccountUserEndpoint, platformListAccountUsersEndpoint, platformRemoveAccountUserEndpoint } from "@/lib/api/endpoints/platform";
import { apiRoute } from "@/lib/api/handler";
import { serializeAccountUser } from "@/lib/api/serializers/platform";
import { invalid } from "@/lib/errors";
import { addPlatformAccountUser, listPlatformAccountUsers, removePlatformAccountUser } from "@/lib/platform/users";

export const GET = apiRoute(platformListAccountUsersEndpoint, async ({ db, platformAppId, params }) =>
  (await listPlatformAccountUsers(db, platformAppId, params.account_id)).map(serializeAccountUser),
);

export const POST = apiRoute(platformAddAccountUserEndpoint, async ({ db, platformAppId, params, body }) =>
  serializeAccountUser(await addPlatformAccountUser(db, platformAppId, params.account_id, body)),
);

export const DELETE = apiRoute(platformRemoveAccountUserEndpoint, async ({ db, platformAppId, params, query, body }) => {
  const userId = body.user_id ?? query.user_id;
  if (!userId) throw invalid("user_id can't be blank", { field: "user_id" });
  await removePlatformAccountUser(db, platformAppId, params.account_id, userId);
});
