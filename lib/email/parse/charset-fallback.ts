import { isUtf8 } from "node:buffer";

/**
 * Charset labels the decoder will not know (`unknown-8bit`, `x-user-defined`, typos) would leave
 * the bytes undecoded and the text full of `�`. Before parsing, such labels in Content-Type
 * parameters and RFC 2047 encoded words are replaced by a guess: UTF-8 when the bytes are valid
 * UTF-8, else Windows-1252 (the usual truth behind mislabelled Western mail). Only the copy handed
 * to the parser changes; the stored raw message keeps its bytes.
 */
// Labels the MIME library (iconv-lite / encoding-japanese) decodes that WHATWG TextDecoder does not.
const LIBRARY_ONLY = /^(utf-?7|utf-?16|utf-?32|ucs-?[24]|cp\d+|ibm\d+|iso[-_]?8859[-_]?\d+|iso[-_]?2022[-\w]*|win(dows)?[-_]?\d+|x?-?mac[-\w]*|ks_c[-\w]*|euc[-\w]*|jis\w*|s(hift)?[-_]?jis|koi8[-\w]*|tis[-\w]*|viscii|armscii[-\w]*|georgian[-\w]*|pt154|rk1048|ascii|us-ascii|latin\d*|l\d|binary|8bit|7bit)$/i;

export function isKnownCharset(label: string): boolean {
  if (!label || LIBRARY_ONLY.test(label)) return true;
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

const CONTENT_TYPE = /^Content-Type:[^\n]*(?:\n[ \t][^\n]*)*/gim;
const CHARSET_PARAM = /(charset\s*=\s*)("?)([^";\s]+)\2/gi;
const ENCODED_WORD = /=\?([^?\s*]+)(\*[^?\s]*)?\?([QB])\?/gi;

export function withKnownCharsets(raw: Buffer): Buffer {
  // latin1 maps every byte to one code unit, so the rewrite is byte-exact everywhere else.
  const text = raw.toString("latin1");
  let changed = false;
  let guess: string | null = null;
  const replacement = () => (guess ??= isUtf8(raw) ? "utf-8" : "windows-1252");

  const fixed = text
    .replace(CONTENT_TYPE, (header) =>
      header.replace(CHARSET_PARAM, (all, prefix: string, quote: string, label: string) => {
        if (isKnownCharset(label)) return all;
        changed = true;
        return `${prefix}${quote}${replacement()}${quote}`;
      }),
    )
    .replace(ENCODED_WORD, (all, label: string, lang: string | undefined, enc: string) => {
      if (isKnownCharset(label)) return all;
      changed = true;
      return `=?${replacement()}${lang ?? ""}?${enc}?`;
    });
  return changed ? Buffer.from(fixed, "latin1") : raw;
}
