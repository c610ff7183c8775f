import { describe, expect, it } from "vitest";
import { multipartFields } from "@/lib/email/ingress/multipart-fields";

/** Mailgun's form is split at its boundaries only, so its signature is read before its message part. */
describe("multipart fields", () => {
  it("finds each field as it was sent, whatever their order, without touching the parts' contents", async () => {
    const mime = "From: a@b.test\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\nx\r\n--inner--\r\n";
    const form = new FormData();
    form.set("body-mime", new Blob([mime]), "message.mime");
    form.set("timestamp", "1767600000");
    form.set("token", "tok");
    const request = new Request("http://x.test/", { method: "POST", body: form });
    const fields = multipartFields(request.headers.get("content-type"), Buffer.from(await request.arrayBuffer()));
    expect(fields?.get("timestamp")?.toString()).toBe("1767600000");
    expect(fields?.get("token")?.toString()).toBe("tok");
    expect(fields?.get("body-mime")?.toString()).toBe(mime);
    expect(fields?.has("signature")).toBe(false);
  });

  it("reads a quoted boundary, keeps the first of a repeated field, and is null for other bodies", () => {
    const body = Buffer.from(["--b", 'Content-Disposition: form-data; name="token"', "", "first", "--b", 'Content-Disposition: form-data; name="token"', "", "second", "--b--", ""].join("\r\n"));
    expect(multipartFields('multipart/form-data; boundary="b"', body)?.get("token")?.toString()).toBe("first");
    expect(multipartFields("application/x-www-form-urlencoded", Buffer.from("token=x"))).toBeNull();
    expect(multipartFields(null, Buffer.from(""))).toBeNull();
  });
});
