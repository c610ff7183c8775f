import { dedupeKey } from "@/lib/email/ingest/dedupe-key";

/**
 * The varied mail of `npm run bench:ingest`, generated from a fixed seed so every run imports the
 * same folder: new threads and replies threading by In-Reply-To/References to earlier ones, many
 * senders (some CC'ing colleagues), plain text and HTML, ISO-8859-1 / Windows-1252 / KOI8-R bodies,
 * RFC 2047 subjects, a few attachments, auto-replies, mail without a Message-ID, and a few
 * redeliveries of an earlier Message-ID (another Received line in front: other bytes, same id).
 */
export type GeneratedMail = {
  raws: Buffer[];
  /** Distinct dedupe keys (Message-ID, or sha256 of the bytes): what must end up stored once. */
  distinct: number;
  kinds: Record<string, number>;
};

const INBOX = "support@bench.example";
const SENDERS = 1500;

/** mulberry32: small, fast, and the same sequence for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = "order invoice refund delivery account password shipping parcel damaged missing upgrade plan billing login error export report question urgent thanks".split(" ");
const NAMES = ["Anna Müller", "José Pérez", "Zoë Brontë", "Иван Петров", "Françoise Dupont", "Liam Smith", "Søren Kierkegaard", "Ayşe Yılmaz"];

type Thread = { subject: string; ids: string[]; sender: number };

function encodeWord(text: string, charset: "UTF-8" | "ISO-8859-1", mode: "B" | "Q"): string {
  const bytes = Buffer.from(text, charset === "UTF-8" ? "utf8" : "latin1");
  if (mode === "B") return `=?${charset}?B?${bytes.toString("base64")}?=`;
  const q = [...bytes].map((b) => (b === 0x20 ? "_" : b > 0x7e || b < 0x21 || b === 0x3d || b === 0x3f || b === 0x5f ? `=${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b))).join("");
  return `=?${charset}?Q?${q}?=`;
}

// Single-byte charsets Node can write: latin1 for ISO-8859-1 and the printable part of
// Windows-1252; KOI8-R bytes are written by a small table for the few Cyrillic letters used.
const KOI8R: Record<string, number> = { П: 0xf0, р: 0xd2, и: 0xc9, в: 0xd7, е: 0xc5, т: 0xd4, з: 0xda, а: 0xc1, к: 0xcb, " ": 0x20, ",": 0x2c, "!": 0x21 };
const koi8r = (text: string) => Buffer.from([...text].map((c) => KOI8R[c] ?? 0x3f));

export function generateMail(count: number, seed = 20261121): GeneratedMail {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const threads: Thread[] = [];
  const raws: Buffer[] = [];
  const kinds: Record<string, number> = {};
  const tally = (kind: string) => (kinds[kind] = (kinds[kind] ?? 0) + 1);
  const base = Date.UTC(2026, 0, 1);

  for (let i = 0; i < count; i++) {
    const roll = rnd();
    if (roll < 0.01 && raws.length > 10) {
      // A redelivery: the same message again, with one more Received line (other bytes, same id).
      const earlier = raws[Math.floor(rnd() * raws.length)];
      raws.push(Buffer.concat([Buffer.from(`Received: from relay${i}.bench.example by mx.bench.example; ${new Date(base + i * 60_000).toUTCString()}\r\n`), earlier]));
      tally("redelivery");
      continue;
    }
    const reply = roll < 0.4 && threads.length > 0;
    const thread = reply ? threads[threads.length - 1 - Math.floor(rnd() * Math.min(threads.length, 300))] : null;
    const senderIndex = thread ? (rnd() < 0.8 ? thread.sender : Math.floor(rnd() * SENDERS)) : Math.floor(rnd() * SENDERS);
    const name = pick(NAMES);
    const from = `customer${senderIndex}@mail${senderIndex % 37}.example`;
    const topic = `${pick(WORDS)} ${pick(WORDS)} ${i}`;
    const noId = rnd() < 0.01;
    const id = `bench-${i}.${seed}@mail${senderIndex % 37}.example`;
    const style = rnd();
    const auto = rnd() < 0.02;
    const attach = rnd() < 0.015;
    const html = style < 0.2;
    const charset = style > 0.9 ? pick(["ISO-8859-1", "windows-1252", "KOI8-R"]) : "UTF-8";
    const subjectText = auto ? `Automatic reply: ${thread?.subject ?? topic}` : thread ? `Re: ${thread.subject}` : `Question about my ${topic}`;
    const subject = rnd() < 0.1 ? encodeWord(`${subjectText} — ${name}`, rnd() < 0.5 ? "UTF-8" : "ISO-8859-1", rnd() < 0.5 ? "B" : "Q").replace(/—/g, "-") : subjectText;
    const headers = [
      `From: ${encodeWord(name, "UTF-8", "Q")} <${from}>`,
      `To: ${INBOX}`,
      ...(rnd() < 0.15 ? [`Cc: colleague${Math.floor(rnd() * 300)}@mail${senderIndex % 37}.example`] : []),
      `Subject: ${subject}`,
      `Date: ${new Date(base + i * 60_000).toUTCString()}`,
      ...(noId ? [] : [`Message-ID: <${id}>`]),
      ...(thread ? [`In-Reply-To: <${thread.ids.at(-1)}>`, `References: ${thread.ids.slice(-10).map((x) => `<${x}>`).join(" ")}`] : []),
      ...(auto ? ["Auto-Submitted: auto-replied", "X-Autoreply: yes"] : []),
      "MIME-Version: 1.0",
    ];
    const text = `Hello,\r\n\r\nI have a question about my ${topic}. Can you help? Grüße, ${name}\r\n\r\n${thread ? `On Mon, someone wrote:\r\n> ${thread.subject}\r\n> earlier text\r\n` : ""}`;
    let body: Buffer;
    if (charset === "KOI8-R") {
      body = Buffer.concat([Buffer.from(headers.concat("Content-Type: text/plain; charset=KOI8-R", "Content-Transfer-Encoding: 8bit", "", "").join("\r\n")), koi8r("Привет, вопрос!"), Buffer.from(`\r\n${topic}\r\n`)]);
    } else if (charset !== "UTF-8") {
      body = Buffer.concat([Buffer.from(headers.concat(`Content-Type: text/plain; charset=${charset}`, "Content-Transfer-Encoding: 8bit", "", "").join("\r\n")), Buffer.from(text, "latin1")]);
    } else {
      const boundary = `b${i}x`;
      const parts: string[] = [];
      const textPart = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", text];
      const htmlPart = ["Content-Type: text/html; charset=utf-8", "", `<html><body><p>Hello,</p><p>About my <b>${topic}</b>.</p><blockquote>quoted</blockquote><img src="https://tracker.example/p.gif"></body></html>`];
      if (!html && !attach) parts.push(...textPart);
      else {
        parts.push(`Content-Type: multipart/mixed; boundary="${boundary}"`, "", `--${boundary}`, ...textPart);
        if (html) parts.push(`--${boundary}`, ...htmlPart);
        if (attach) {
          const bytes = Buffer.alloc(4096 + Math.floor(rnd() * 30_000), i % 251);
          parts.push(`--${boundary}`, `Content-Type: application/pdf; name="invoice-${i}.pdf"`, "Content-Transfer-Encoding: base64", `Content-Disposition: attachment; filename="invoice-${i}.pdf"`, "", bytes.toString("base64").replace(/.{76}/g, "$&\r\n"));
        }
        parts.push(`--${boundary}--`);
      }
      body = Buffer.from(headers.concat(parts).join("\r\n") + "\r\n");
    }
    raws.push(body);
    tally(noId ? "no_message_id" : auto ? "auto_reply" : attach ? "attachment" : charset !== "UTF-8" ? "non_utf8" : html ? "html" : thread ? "reply" : "new_thread");
    if (!noId && !auto) {
      if (thread) thread.ids.push(id);
      else threads.push({ subject: topic, ids: [id], sender: senderIndex });
    }
  }
  const distinct = new Set(raws.map((raw) => dedupeKey(raw).key)).size;
  return { raws, distinct, kinds };
}

export const BENCH_INBOX_ADDRESS = INBOX;
