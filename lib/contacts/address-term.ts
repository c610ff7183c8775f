import { sql, type SQL } from "drizzle-orm";
import { contacts } from "@/db/schema";

/**
 * A search term with one "@" after at least one character ("jane@", "e.doe@exam") is looked for
 * in email addresses without the email trigram index. In an address (one "@"), the term's "@" can
 * only meet the address's own, so "the address contains the term" is exactly "its local part ends
 * with the term's local part, and its domain starts with the rest". The local part is indexed
 * reversed (contacts_email_local_reversed_idx, text_pattern_ops), which makes "ends with" a btree
 * range: a handful of index entries, where the trigram index reads posting lists that hold nearly
 * every address once addresses look alike ("contact123@…" among half a million). An address with
 * more than one "@" (a quoted local part) is matched at its first one.
 * Returns null for any other term.
 */
export function addressTermCondition(term: string): SQL | null {
  const at = term.indexOf("@");
  if (at < 1 || term.indexOf("@", at + 1) !== -1) return null;
  const local = term.slice(0, at);
  const domain = term.slice(at + 1);
  const reversed = sql`reverse(lower(split_part(${contacts.email}, '@', 1)))`;
  const wanted = sql`reverse(lower(${local}::text))`;
  // [wanted, wanted || U+10FFFF) is the btree range of the strings starting with `wanted` (bytewise
  // order, as text_pattern_ops compares); starts_with keeps it exact at that edge.
  const localMatch = sql`((${reversed}) ~>=~ (${wanted}) and (${reversed}) ~<~ (${wanted} || chr(1114111)) and starts_with(${reversed}, ${wanted}))`;
  if (domain === "") return localMatch;
  return sql`(${localMatch} and starts_with(lower(split_part(${contacts.email}, '@', 2)), lower(${domain}::text)))`;
}
