/**
 * What the editor said after creating an article ("Published.", "Saved."), kept in memory for a
 * few seconds so the editor at the article's own address can say it again. Creating navigates to
 * that address, and the router may mount the editor there more than once (the save's refresh can
 * arrive before or after the navigation), so a message is read, not taken.
 */
const KEEP_MS = 10_000;
const flashes = new Map<number, { text: string; at: number }>();

export function leaveArticleFlash(articleId: number, text: string): void {
  flashes.set(articleId, { text, at: Date.now() });
}

export function readArticleFlash(articleId: number): string | null {
  const flash = flashes.get(articleId);
  if (!flash) return null;
  if (Date.now() - flash.at > KEEP_MS) {
    flashes.delete(articleId);
    return null;
  }
  return flash.text;
}

export function clearArticleFlash(articleId: number): void {
  flashes.delete(articleId);
}
