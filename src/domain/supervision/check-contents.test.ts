import { describe, expect, it } from "vitest";
import { type RatingInputs, rateEnterprise } from "../rating/rating-model";
import { keyCheckContents } from "./check-contents";

function chlorinePlant(overrides: Partial<RatingInputs> = {}): RatingInputs {
  return {
    industrySection: "C",
    industryDivision: "26",
    scale: "medium",
    majorHazardLevels: [2],
    redRiskPoints: 1,
    orangeRiskPoints: 2,
    hazardousProcesses: 1,
    openHiddenDangers: 1,
    overdueHiddenDangers: 1,
    openMajorHiddenDangers: 1,
    overdueMajorHiddenDangers: 1,
    alarmsLast30Days: { red: 0, orange: 1, yellow: 0, blue: 0 },
    accidentsLast12Months: { general: 0, larger: 0, major: 0, particularlyMajor: 0 },
    enforcementViolations12Months: 0,
    verifiedPublicReports12Months: 0,
    ...overrides,
  };
}

describe("keyCheckContents", () => {
  const { contributions } = rateEnterprise(chlorinePlant());

  it("lists one check per kind of risk in the order of the rating's contributions", () => {
    expect(keyCheckContents({ contributions, language: "zh" })).toEqual([
      "重大隐患整改方案、资金、期限和整改期间安全措施",
      "重大危险源辨识、备案、监测监控和包保责任落实情况",
      "红色、橙色风险点管控措施和管控责任落实情况",
      "重点监管危险工艺自动化控制、安全联锁和操作规程",
      "监测报警处置记录和监测设备运行情况（不得关闭、篡改）",
    ]);
  });

  it("names the red and orange risk points first, red before orange, and drops blue and yellow ones", () => {
    const contents = keyCheckContents({
      contributions,
      riskPoints: [
        { name: "Packing line", level: 3 },
        { name: "Compressor house", level: 2 },
        { name: "Chlorine tank farm", level: 1 },
      ],
      language: "en",
    });
    expect(contents.slice(0, 3)).toEqual([
      'control measures at red risk point "Chlorine tank farm"',
      'control measures at orange risk point "Compressor house"',
      "major hidden dangers: rectification plan, funds, time limit and safety measures meanwhile",
    ]);
    expect(contents.some((line) => line.startsWith("control measures and responsible people"))).toBe(false);
  });

  it("gives named risk points at most half the list and keeps the general line for those left out", () => {
    const riskPoints = Array.from({ length: 6 }, (_, index) => ({ name: `罐区 ${index + 1}`, level: 1 as const }));
    const contents = keyCheckContents({ contributions, riskPoints, language: "zh", limit: 6 });
    expect(contents).toHaveLength(6);
    expect(contents.filter((line) => line.includes("罐区"))).toHaveLength(3);
    expect(contents).toContain("红色、橙色风险点管控措施和管控责任落实情况");
  });

  it("adds nothing for industry and scale alone", () => {
    const quiet = rateEnterprise(
      chlorinePlant({
        majorHazardLevels: [],
        redRiskPoints: 0,
        orangeRiskPoints: 0,
        hazardousProcesses: 0,
        openHiddenDangers: 0,
        overdueHiddenDangers: 0,
        openMajorHiddenDangers: 0,
        overdueMajorHiddenDangers: 0,
        alarmsLast30Days: { red: 0, orange: 0, yellow: 0, blue: 0 },
      }),
    );
    expect(keyCheckContents({ contributions: quiet.contributions, language: "en" })).toEqual([]);
  });
});
