import { describe, expect, it } from "vitest";
import { decodeHeaderText } from "./header-text";

const latin1 = (bytes: number[]) => Buffer.from(bytes).toString("latin1");

describe("decodeHeaderText", () => {
  it("reads bytes the label does not fit instead of showing �", () => {
    expect(decodeHeaderText(`n${latin1([0xff])}$z`)).toBe("nÿ$z");
    expect(decodeHeaderText("=?utf-8?B?bv8kej?=")).toBe("nÿ$z");
    expect(decodeHeaderText("=?utf-8?Q?n=FF$z?=")).toBe("nÿ$z");
  });

  it("decodes well-formed encoded words and joins adjacent ones", () => {
    expect(decodeHeaderText("=?iso-8859-1?q?Caf=E9?= =?utf-8?b?IOKCrA==?= order")).toBe("Café € order");
    expect(decodeHeaderText(latin1([...Buffer.from("Grüße", "utf8")]))).toBe("Grüße");
  });
});
