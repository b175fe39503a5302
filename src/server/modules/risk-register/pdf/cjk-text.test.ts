import { describe, expect, it } from "vitest";
import { measureText, textRuns, wrapText } from "./cjk-text";

describe("Chinese text for PDFs", () => {
  it("draws each run in a subset font that has every one of its glyphs", () => {
    const text = "液氯储罐区 LEC D=1200，≥320（重大风险）「警示」 No.42 ±5% 25°C、堃";
    for (const weight of ["regular", "bold"] as const) {
      const runs = textRuns(text, weight);
      expect(runs.map((run) => run.text).join("")).toBe(text);
      for (const run of runs) {
        for (const character of run.text) {
          expect(run.subset.font!.hasGlyphForCodePoint(character.codePointAt(0)!), character).toBe(true);
        }
      }
    }
  });

  it("measures a Han character as one em and bold Latin wider than regular", () => {
    expect(measureText("风险", 10)).toBeCloseTo(20, 5);
    expect(measureText("Risk", 10, "bold")).toBeGreaterThan(measureText("Risk", 10));
  });

  it("breaks between Chinese characters, never inside a Latin word, and never before closing punctuation", () => {
    const text = "储罐区设置 pressure transmitter 压力变送器，液位计（雷达式）、温度计。每班巡检：记录压力、温度！";
    for (let width = 40; width <= 260; width += 3) {
      const lines = wrapText(text, width, 10);
      expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      for (const line of lines) {
        expect(line, `width ${width}`).not.toMatch(/^[，。、；：！？）]/);
        expect(line, `width ${width}`).not.toMatch(/[（]$/);
        expect(measureText(line, 10)).toBeLessThanOrEqual(width + 0.001);
      }
      if (width >= 80) {
        const words = lines.flatMap((line) => line.match(/[a-z]+/g) ?? []);
        expect(words).toEqual(["pressure", "transmitter"]);
      }
    }
  });

  it("keeps the text's own line breaks and cuts a number longer than the line by character", () => {
    expect(wrapText("第一行\n第二行", 200, 10)).toEqual(["第一行", "第二行"]);
    const lines = wrapText("0251234567890123456789", 40, 10);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("")).toBe("0251234567890123456789");
  });
});
