import { describe, expect, it } from "vitest";
import { GB18218_2018 } from "./threshold-table";

/** CAS check digit: the other digits weighted 1, 2, 3 … from the right, sum mod 10. */
function casCheckDigitIsValid(cas: string): boolean {
  const match = /^(\d{2,7})-(\d{2})-(\d)$/.exec(cas);
  if (!match) return false;
  const digits = (match[1] + match[2]).split("").reverse();
  const sum = digits.reduce((total, digit, index) => total + Number(digit) * (index + 1), 0);
  return sum % 10 === Number(match[3]);
}

const named = (nameEn: string) => {
  const substance = GB18218_2018.substances.find((entry) => entry.nameEn === nameEn);
  if (!substance) throw new Error(`${nameEn} is not in the table`);
  return substance;
};

describe("GB18218_2018 threshold table", () => {
  it("is versioned by the edition of the standard", () => {
    expect(GB18218_2018.version).toBe("GB 18218-2018");
  });

  it("writes every CAS number with a valid check digit", () => {
    const all = GB18218_2018.substances.flatMap((entry) => [entry.cas, ...(entry.otherCas ?? [])]);
    for (const cas of all) if (cas !== null) expect(casCheckDigitIsValid(cas), cas).toBe(true);
  });

  it("files each CAS number, name and alias under one substance only", () => {
    const cas = GB18218_2018.substances.flatMap((entry) => [entry.cas, ...(entry.otherCas ?? [])]).filter(Boolean);
    expect(new Set(cas).size).toBe(cas.length);
    const names = GB18218_2018.substances.flatMap((entry) =>
      [entry.nameZh, entry.nameEn, ...entry.aliases].map((name) => name.normalize("NFKC").toLowerCase()),
    );
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it("gives every named substance a class that is in the class table", () => {
    const codes = GB18218_2018.classes.map((entry) => entry.code);
    for (const substance of GB18218_2018.substances) expect(codes, substance.nameEn).toContain(substance.hazardClass);
  });

  it("holds the thresholds of GB 18218-2018 table 1", () => {
    expect(named("Phosgene").thresholdTonnes).toBe(0.3);
    expect(named("Methyl isocyanate").thresholdTonnes).toBe(0.75);
    expect(named("Chlorine").thresholdTonnes).toBe(5);
    expect(named("Ammonia").thresholdTonnes).toBe(10);
    expect(named("Coal gas")).toMatchObject({ cas: null, thresholdTonnes: 20 });
    expect(named("Sulfur trioxide").thresholdTonnes).toBe(75);
    expect(named("Gasoline").thresholdTonnes).toBe(200);
    expect(named("Methanol")).toMatchObject({ cas: "67-56-1", thresholdTonnes: 500 });
    expect(named("Potassium nitrate").thresholdTonnes).toBe(1000);
    expect(GB18218_2018.substances).toHaveLength(48);
  });

  it("gives exactly the named toxic gases of table 3 their β", () => {
    const toxicGases = Object.fromEntries(
      GB18218_2018.substances
        .filter((entry) => entry.betaToxicGas !== undefined)
        .map((entry) => [entry.nameEn, entry.betaToxicGas]),
    );
    expect(toxicGases).toEqual({
      "Sulfur dioxide": 2,
      Ammonia: 2,
      "Ethylene oxide": 2,
      "Hydrogen chloride, anhydrous": 3,
      "Methyl bromide": 3,
      Chlorine: 4,
      "Hydrogen sulfide": 5,
      "Hydrogen fluoride": 5,
      "Nitrogen dioxide": 10,
      "Hydrogen cyanide": 10,
      Phosgene: 20,
      Phosphine: 20,
      "Methyl isocyanate": 20,
    });
  });

  it("holds the class thresholds of table 2 and the β of table 4", () => {
    const byCode = Object.fromEntries(
      GB18218_2018.classes.map((entry) => [entry.code, [entry.thresholdTonnes, entry.beta]]),
    );
    expect(byCode).toEqual({
      J1: [5, 4],
      J2: [50, 1],
      J3: [50, 2],
      J4: [50, 2],
      J5: [500, 1],
      "W1.1": [1, 2],
      "W1.2": [10, 2],
      "W1.3": [50, 2],
      W2: [10, 1.5],
      W3: [150, 1],
      W4: [50, 1],
      "W5.1": [10, 1.5],
      "W5.2": [50, 1],
      "W5.3": [1000, 1],
      "W5.4": [5000, 1],
      "W6.1": [10, 1.5],
      "W6.2": [50, 1],
      "W7.1": [10, 1.5],
      "W7.2": [50, 1],
      W8: [50, 1],
      "W9.1": [50, 1],
      "W9.2": [200, 1],
      W10: [200, 1],
      W11: [200, 1],
    });
  });
});
