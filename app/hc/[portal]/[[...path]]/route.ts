import { handleHelpCenterGet, handleHelpCenterPost } from "../../_site/router";

/** The public help center under the app's host: /hc/{portal}/... (app/hc/_site/router.ts). */
type Context = { params: Promise<{ portal: string; path?: string[] }> };

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: Context) {
  const { portal, path } = await params;
  return handleHelpCenterGet(request, { key: { slug: portal }, segments: path ?? [] });
}

export const HEAD = GET;

export async function POST(request: Request, { params }: Context) {
  const { portal, path } = await params;
  return handleHelpCenterPost(request, { key: { slug: portal }, segments: path ?? [] });
}
