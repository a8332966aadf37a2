import fc from "fast-check";
import {
  childrenOf,
  divisionKey,
  findDivisions,
  isFunctionalUnit,
  missingChildren,
  placeUnder,
  resolveLevels,
} from "../../../src/core/divisions";
import { dictionary } from "../../../src/core/divisions/dictionary";

const all = [...dictionary().byCode.values()];
const current = all.filter((d) => !d.former);

// Names built from the characters that matter: place-name characters, suffixes, padding,
// brackets, traditional forms and noise, so that arbitrary strings often come close to names.
const placeChars = fc.constantFrom(
  ..."杭州市上城区西湖建德县省自治州旗盟新区开发本级臨區縣寶應鄉 　()（）【】-0a",
);
const nameLike = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.array(placeChars, { maxLength: 8 }).map((cs) => cs.join("")),
  fc.constantFrom(...all.map((d) => d.name)),
);

describe("properties of the division dictionary", () => {
  test("no lookup throws on arbitrary strings", () => {
    fc.assert(
      fc.property(nameLike, nameLike, fc.array(nameLike, { maxLength: 12 }), (a, b, list) => {
        findDivisions(a);
        findDivisions(a, { within: "330100" });
        isFunctionalUnit(a);
        expect(["yes", "no", "unknown"]).toContain(placeUnder(a, b));
        missingChildren("330100", list);
        const rows = resolveLevels(list);
        expect(rows).toHaveLength(list.length);
        resolveLevels(list, { parentsBelow: true });
      }),
      { numRuns: 500 },
    );
  });

  test("resolveLevels only points parents upwards (or downwards when parents are below)", () => {
    fc.assert(
      fc.property(fc.array(nameLike, { maxLength: 15 }), fc.boolean(), (list, parentsBelow) => {
        const rows = resolveLevels(list, { parentsBelow });
        rows.forEach((r, i) => {
          for (const p of [r.parentIndex, r.misplaced?.underIndex]) {
            if (p === undefined) continue;
            expect(parentsBelow ? p > i : p < i).toBe(true);
          }
          if (r.division) expect(r.division.name).toBeTruthy();
        });
      }),
      { numRuns: 300 },
    );
  });

  test("every unit is found by its own name, padded or not", () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.constantFrom("", " ", "　"), (d, pad) => {
        const padded = [...d.name].join(pad);
        expect(findDivisions(padded)).toContain(d);
      }),
    );
    for (const d of all) expect(divisionKey(d.name)).toBe(d.name);
  });

  test("every current unit is under its parent, and no current unit is functional", () => {
    for (const d of current) {
      expect(isFunctionalUnit(d.name)).toBe(false);
      if (d.parent === undefined) continue;
      const parent = dictionary().byCode.get(d.parent)!;
      expect([d.name, placeUnder(d.name, parent.name)]).toEqual([d.name, "yes"]);
    }
  });

  test("a parent listing all of its children misses none, and one left out is the one missed", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...current.filter((d) => childrenOf(d.code).length > 1)),
        fc.nat(),
        (parent, k) => {
          const kids = childrenOf(parent.code).map((d) => d.name);
          expect(missingChildren(parent.code, kids)).toEqual([]);
          const dropped = kids[k % kids.length];
          const missing = missingChildren(
            parent.code,
            kids.filter((n) => n !== dropped),
          ).map((d) => d.name);
          expect(missing).toEqual([dropped]);
        },
      ),
    );
  });
});
