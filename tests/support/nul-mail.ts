/**
 * Mail with bytes PostgreSQL refuses in text and jsonb, the ways they arrive: [what, extra
 * headers, body, what the imported message's content must show]. Shared by the NUL tests and
 * the malformed-MIME corpus.
 */
// The review's repro (quoted-printable `=00`), a raw 0x00, and the other places a NUL can hide.
export const NUL_VARIANTS: [string, string[], Buffer | string, RegExp][] = [
  ["a quoted-printable =00 in a text body", ["Subject: s", "Content-Type: text/plain", "Content-Transfer-Encoding: quoted-printable"], "hello=00world\r\n", /helloworld/],
  ["a raw 0x00 in a text body", ["Subject: s", "Content-Type: text/plain"], Buffer.from("hello\u0000world\r\n", "latin1"), /helloworld/],
  ["a base64 NUL in an HTML body", ["Subject: s", "Content-Type: text/html", "Content-Transfer-Encoding: base64"], `${Buffer.from("<p>hello\u0000world</p>").toString("base64")}\r\n`, /helloworld/],
  ["an encoded-word NUL in the subject and name", ["Subject: =?utf-8?Q?bad=00subject?=", "Content-Type: text/plain"], "body text\r\n", /body text/],
  ["a NUL in a header far down the header block", [...Array.from({ length: 40 }, (_, i) => `X-Filler-${i}: ${"f".repeat(30)}`), "X-Weird: a\u0000b", "Subject: late"], "late body\r\n", /late body/],
  ["a lone surrogate in a UTF-16 part", ["Subject: utf16", "Content-Type: text/plain; charset=utf-16le", "Content-Transfer-Encoding: base64"], `${Buffer.from([0x68, 0, 0x69, 0, 0x00, 0xd8, 0x21, 0]).toString("base64")}\r\n`, /hi/],
  ["a NUL in an attachment's name", ["Subject: file", 'Content-Type: multipart/mixed; boundary="b"'], '--b\r\nContent-Type: text/plain\r\n\r\nsee file\r\n--b\r\nContent-Type: application/octet-stream; name="a=00b.bin"\r\nContent-Disposition: attachment; filename*=utf-8\'\'a%00b.bin\r\n\r\nxyz\r\n--b--\r\n', /see file/],
];

