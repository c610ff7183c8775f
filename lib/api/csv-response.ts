/** A CSV download, as Chatwoot sends its report files. */
export function csvResponse(filename: string, body: string): Response {
  return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename=${filename}` } });
}
