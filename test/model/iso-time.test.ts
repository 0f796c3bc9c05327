/**
 * The fast ISO formatter the restJson1 outputs, output.json keys and events use (issue 13) writes exactly what
 * `Date.prototype.toISOString` writes, for every time (V8's own handles years past 9999, before 1970, NaN).
 */
import fc from "fast-check";
import { isoTime } from "../../src/model/iso-time.js";

const YEAR_10000_MS = 253_402_300_800_000;
const viaDate = (ms: number) => new Date(ms).toISOString();

test("isoTime(ms) === new Date(ms).toISOString() from 1970 to 9999, at every boundary, and beyond", () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: YEAR_10000_MS - 1 }), (ms) => isoTime(ms) === viaDate(ms)), { numRuns: 20_000 });
  const edges = [0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, YEAR_10000_MS - 1];
  const elsewhere = [-1, -86_400_001, YEAR_10000_MS, 8.64e15, -8.64e15, 1.5, 1_700_000_000_000.25];
  for (const ms of [...edges, ...elsewhere]) expect(isoTime(ms)).toBe(viaDate(ms));
  expect(() => isoTime(Number.NaN)).toThrow(RangeError);
});
