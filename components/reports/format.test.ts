import { describe, expect, it } from "vitest";
import { formatChange, formatDuration, formatValue } from "./format";

describe("report figures in words", () => {
  it("gives durations exact to the second, without zero units", () => {
    expect(formatDuration(79900)).toBe("22 h 11 m 40 s");
    expect(formatDuration(1800)).toBe("30 m");
    expect(formatDuration(190440)).toBe("2 d 4 h 54 m");
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(59.6)).toBe("1 m");
    expect(formatDuration(null)).toBe("—");
  });

  it("gives counts as integers and changes as signed percentages", () => {
    expect(formatValue("count", 1234)).toBe("1,234");
    expect(formatChange(12, 10)).toBe("+20%");
    expect(formatChange(5, 10)).toBe("−50%");
    expect(formatChange(3, 0)).toBe("new");
    expect(formatChange(0, 0)).toBe("no change");
    expect(formatChange(null, 4)).toBe("");
  });
});
