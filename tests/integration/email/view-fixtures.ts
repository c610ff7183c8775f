/** An HTML email with what the view must handle: an inline cid: image, a remote image, quoted history, files, one over the size limit (limit set to 2000 bytes by the tests). */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

export function richMail(): Buffer {
  const b = "==b==";
  const part = (headers: string[], body: string) => [`--${b}`, ...headers, "", body].join("\r\n");
  const html =
    '<p>The zipper broke again. <img src="cid:zip@example.org" alt="zip"></p><p><img src="https://tracker.example.net/pixel.gif" alt="pixel"></p>' +
    '<div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 16, 2026 Support wrote:</div><blockquote class="gmail_quote">EARLIER-QUOTED-HISTORY</blockquote></div>';
  return Buffer.from(
    [
      'From: "Carla Customer" <carla@example.org>',
      "To: support@example.test, sales@example.test",
      "Cc: boss@example.org",
      "Subject: Zipper broke again",
      "Message-ID: <render-1@example.org>",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${b}"`,
      "",
      part(["Content-Type: text/html; charset=utf-8"], html),
      part(["Content-Type: image/png", "Content-ID: <zip@example.org>", 'Content-Disposition: inline; filename="zip.png"', "Content-Transfer-Encoding: base64"], PNG.toString("base64")),
      part(['Content-Type: text/plain; name="receipt.txt"', 'Content-Disposition: attachment; filename="receipt.txt"'], "Order 1234, paid."),
      part(['Content-Type: application/pdf; name="manual.pdf"', 'Content-Disposition: attachment; filename="manual.pdf"', "Content-Transfer-Encoding: base64"], Buffer.alloc(3000, 7).toString("base64")),
      `--${b}--`,
      "",
    ].join("\r\n"),
  );
}

