import { platformUserLoginEndpoint } from "@/lib/api/endpoints/platform";
import { apiRoute } from "@/lib/api/handler";
import { createLoginLink } from "@/lib/platform/login-links";

export const GET = apiRoute(platformUserLoginEndpoint, async ({ db, platformAppId, params }) => ({
  url: await createLoginLink(db, platformAppId, params.id),
}));
