/**
 * Outlook threads by the binary Thread-Index header (MS-OXOMSG 2.2.1.3): a 22-byte header block
 * (a reserved byte, 40 bits of the thread's FILETIME, a GUID) followed by one 5-byte child block
 * per reply. A reply must EXTEND the index of the message it answers; copying it unchanged makes
 * Outlook show the reply as the same message.
 */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

function fileTime(date: Date): bigint {
  return (BigInt(date.getTime()) + FILETIME_EPOCH_OFFSET_MS) * 10_000n;
}

/** The extended Thread-Index (base64), or null when the given one is not a valid index. */
export function extendThreadIndex(threadIndex: string | null | undefined, now = new Date(), random = Math.random): string | null {
  if (!threadIndex) return null;
  const compact = threadIndex.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const bytes = Buffer.from(compact, "base64");
  if (bytes.length < 22 || (bytes.length - 22) % 5 !== 0) return null;

  // Header time: bytes 1..5 hold FILETIME bits 55..16.
  let headerTime = 0n;
  for (let i = 1; i < 6; i++) headerTime = (headerTime << 8n) | BigInt(bytes[i]);
  headerTime <<= 16n;
  let delta = fileTime(now) - headerTime;
  if (delta < 0n) delta = 0n;

  // Short deltas (high 15 bits clear) keep bits 48..18; long ones set the code bit and keep 53..23.
  const isLong = delta >> 49n !== 0n;
  const bits = ((isLong ? delta >> 23n : delta >> 18n) & 0x7fffffffn) | (isLong ? 0x80000000n : 0n);
  const child = Buffer.alloc(5);
  child.writeUInt32BE(Number(bits), 0);
  child[4] = Math.floor(random() * 256) & 0xff;
  return Buffer.concat([bytes, child]).toString("base64");
}
