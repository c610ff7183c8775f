type AttachRoute = { POST: (request: Request, context: { params: Promise<{ account_id: string }> }) => Promise<Response> };

/**
 * POST …/attach_file (macros' or rules') as Chatwoot's dashboard does: multipart, the file in
 * `attachment`, the agent's token in `api_access_token`.
 */
export async function attachFile(route: AttachRoute, token: string, accountId: number, file: File) {
  const form = new FormData();
  form.append("attachment", file);
  const request = new Request("http://localhost:3000/api/v1/x", { method: "POST", headers: { api_access_token: token }, body: form });
  const response = await route.POST(request, { params: Promise.resolve({ account_id: String(accountId) }) });
  return { status: response.status, body: await response.json() };
}
