/** `x-amzn-requestid`: UUID-shaped, one more for every answer, across the 4096-request steps of its high digits. */
import { nextRequestId } from "../../src/protocol/wire.js";

const UUID = /^a2f0fa4e-0000-4000-8000-([0-9a-f]{12})$/;

describe("request ids", () => {
  it("are UUID-shaped and count up by one, 10,000 in a row", () => {
    const ids = Array.from({ length: 10_000 }, () => nextRequestId());
    const counts = ids.map((id) => {
      const m = UUID.exec(id);
      expect(m).not.toBeNull();
      return parseInt(m![1]!, 16);
    });
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBe(counts[i - 1]! + 1);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
