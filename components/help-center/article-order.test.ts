import { describe, expect, it } from "vitest";
import { positionsAfterReorder } from "./article-order";

describe("positionsAfterReorder", () => {
  it("gives the shown rows the positions they held, in their new order", () => {
    expect(positionsAfterReorder([{ id: 3, position: 30 }, { id: 1, position: 10 }, { id: 2, position: 25 }])).toEqual({ "3": 10, "1": 25, "2": 30 });
  });
  it("spreads rows that shared a position", () => {
    expect(positionsAfterReorder([{ id: 2, position: 0 }, { id: 1, position: 0 }, { id: 3, position: 5 }])).toEqual({ "2": 0, "1": 10, "3": 20 });
  });
});
