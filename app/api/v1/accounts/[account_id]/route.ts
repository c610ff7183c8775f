import { getAccountEndpoint, updateAccountEndpoint } from "@/lib/api/endpoints/account";
import { apiRoute } from "@/lib/api/handler";
import { serializeAccount } from "@/lib/api/serializers/account";
import { getAccount, updateAccount } from "@/lib/accounts/account";

export const GET = apiRoute(getAccountEndpoint, async ({ db, actor, params }) => serializeAccount(await getAccount(db, actor, params.account_id)));

export const PATCH = apiRoute(updateAccountEndpoint, async ({ db, actor, params, body }) =>
  serializeAccount(await updateAccount(db, actor, params.account_id, { name: body.name, locale: body.locale, assignOnReply: body.assign_on_reply })),
);
