import { describe, expect, it } from "vitest";
import { shortAgo } from "./format";

describe("shortAgo", () => {
  const now = new Date(2026, 10, 21, 12, 0, 0);
  const before = (ms: number) => new Date(now.getTime() - ms);
  it("is compact for recent times and a date for older ones", () => {
    expect(shortAgo(before(20_000), now)).toBe("now");
    expect(shortAgo(before(5 * 60_000), now)).toBe("5m");
    expect(shortAgo(before(3 * 3_600_000), now)).toBe("3h");
    expect(shortAgo(before(2 * 86_400_000), now)).toBe("2d");
    expect(shortAgo(new Date(2026, 9, 3), now)).toBe("Oct 3");
    expect(shortAgo(new Date(2025, 9, 3), now)).toBe("Oct 3, 2025");
  });
});
