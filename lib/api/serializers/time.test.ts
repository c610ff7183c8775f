import { describe, expect, it } from "vitest";
import { parseApiTime, unix, unixOrNull } from "./time";

describe("API times", () => {
  it("reads Unix seconds as numbers or digit strings, passes ISO strings through for validation", () => {
    expect(parseApiTime(1757506877)).toEqual(new Date(1757506877000));
    expect(parseApiTime("1757506877")).toEqual(new Date(1757506877000));
    expect(parseApiTime("2030-07-21T17:32:28Z")).toBe("2030-07-21T17:32:28Z");
    expect(parseApiTime(null)).toBeNull();
    expect(parseApiTime(undefined)).toBeUndefined();
  });

  it("writes Unix seconds, truncating milliseconds", () => {
    expect(unix(new Date(1757506877999))).toBe(1757506877);
    expect(unixOrNull(null)).toBeNull();
  });
});
