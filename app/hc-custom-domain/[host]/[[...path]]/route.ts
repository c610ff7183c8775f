import { handleHelpCenterGet, handleHelpCenterPost } from "../../../hc/_site/router";

/**
 * A portal on its own domain: proxy.ts rewrites every request whose Host is not the app's to
 * /hc-custom-domain/{host}/{path}; the router finds the portal by that domain.
 */
type Context = { params: Promise<{ host: string; path?: string[] }> };

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: Context) {
  const { host, path } = await params;
  return handleHelpCenterGet(request, { key: { domain: host }, segments: path ?? [] });
}

export const HEAD = GET;

export async function POST(request: Request, { params }: Context) {
  const { host, path } = await params;
  return handleHelpCenterPost(request, { key: { domain: host }, segments: path ?? [] });
}
