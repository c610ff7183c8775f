/**
 * Positions for articles shown in a new order. The list shows a page or a filtered part of a
 * category, so the rows take the positions they already held, reordered: articles not shown keep
 * their place around them. Rows that shared a position (e.g. imported at 0) get distinct ones, 10 apart.
 */
export function positionsAfterReorder(rows: readonly { id: number; position: number }[]): Record<string, number> {
  const held = rows.map((r) => r.position).sort((a, b) => a - b);
  const distinct = held.every((p, i) => i === 0 || p > held[i - 1]);
  return Object.fromEntries(rows.map((r, i) => [String(r.id), distinct ? held[i] : held[0] + 10 * i]));
}
