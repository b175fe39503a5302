// Valid factor values of the three risk assessment methods, with the meaning the UI shows next to each value.

export const ASSESSMENT_METHODS = ["LS", "LEC", "MES"] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

/** One value of a factor's scale and what it means. */
export type ScaleValue = { value: number; meaningZh: string; meaningEn: string };

/** The factors each method multiplies, in the order they are written (D = L × E × C). */
export const METHOD_FACTORS: Record<AssessmentMethod, readonly string[]> = {
  LS: ["l", "s"],
  LEC: ["l", "e", "c"],
  MES: ["m", "e", "s"],
};

// LEC likelihood scale L (Graham–Kinney)
const lecLikelihood: readonly ScaleValue[] = [
  { value: 10, meaningZh: "完全可以预料", meaningEn: "Fully expected" }, // Graham–Kinney, LEC L scale
  { value: 6, meaningZh: "相当可能", meaningEn: "Quite possible" }, // Graham–Kinney, LEC L scale
  { value: 3, meaningZh: "可能，但不经常", meaningEn: "Possible but unusual" }, // Graham–Kinney, LEC L scale
  { value: 1, meaningZh: "可能性小，完全意外", meaningEn: "Unlikely" }, // Graham–Kinney, LEC L scale
  { value: 0.5, meaningZh: "很不可能，可以设想", meaningEn: "Conceivable but very unlikely" }, // Graham–Kinney, LEC L scale
  { value: 0.2, meaningZh: "极不可能", meaningEn: "Extremely unlikely" }, // Graham–Kinney, LEC L scale
  { value: 0.1, meaningZh: "实际不可能", meaningEn: "Practically impossible" }, // Graham–Kinney, LEC L scale
];

// LEC exposure scale E (Graham–Kinney); MES uses the same scale for its E
const exposure: readonly ScaleValue[] = [
  { value: 10, meaningZh: "连续暴露", meaningEn: "Continuous" }, // Graham–Kinney, LEC E scale
  { value: 6, meaningZh: "每天工作时间内暴露", meaningEn: "Daily in working hours" }, // Graham–Kinney, LEC E scale
  { value: 3, meaningZh: "每周一次或偶然暴露", meaningEn: "Weekly or occasional" }, // Graham–Kinney, LEC E scale
  { value: 2, meaningZh: "每月一次暴露", meaningEn: "Monthly" }, // Graham–Kinney, LEC E scale
  { value: 1, meaningZh: "每年几次暴露", meaningEn: "A few times a year" }, // Graham–Kinney, LEC E scale
  { value: 0.5, meaningZh: "非常罕见地暴露", meaningEn: "Very rare" }, // Graham–Kinney, LEC E scale
];

// LEC consequence scale C (Graham–Kinney)
const lecConsequence: readonly ScaleValue[] = [
  { value: 100, meaningZh: "大灾难，10人及以上死亡", meaningEn: "Catastrophe, 10 or more deaths" }, // Graham–Kinney, LEC C scale
  { value: 40, meaningZh: "灾难，3～9人死亡", meaningEn: "Disaster, 3–9 deaths" }, // Graham–Kinney, LEC C scale
  { value: 15, meaningZh: "非常严重，1～2人死亡", meaningEn: "Very serious, 1–2 deaths" }, // Graham–Kinney, LEC C scale
  { value: 7, meaningZh: "严重，重伤", meaningEn: "Serious injury" }, // Graham–Kinney, LEC C scale
  { value: 3, meaningZh: "重大，致残", meaningEn: "Disabling injury" }, // Graham–Kinney, LEC C scale
  { value: 1, meaningZh: "引人注目，需要救护", meaningEn: "Noticeable, first aid" }, // Graham–Kinney, LEC C scale
];

// LS matrix likelihood L 1–5, as DB37/T 2882-2016 words it
const lsLikelihood: readonly ScaleValue[] = [
  {
    value: 5, // DB37/T 2882-2016, LS L scale
    meaningZh: "现场没有防范、监测、保护、控制措施，或危害的发生不能被发现，或正常情况下经常发生此类事故或事件",
    meaningEn: "No prevention, monitoring or protection, or the harm cannot be detected, or such events happen often",
  },
  {
    value: 4, // DB37/T 2882-2016, LS L scale
    meaningZh: "危害的发生不容易被发现，现场没有检测系统，或有控制措施但未有效执行或措施不当",
    meaningEn: "Harm hard to detect with no monitoring, or controls exist but are not applied effectively",
  },
  {
    value: 3, // DB37/T 2882-2016, LS L scale
    meaningZh: "没有保护措施或未严格按操作程序执行，或过去曾经发生类似事故或事件",
    meaningEn: "No protective measures or procedures not strictly followed, or similar events have happened before",
  },
  {
    value: 2, // DB37/T 2882-2016, LS L scale
    meaningZh: "危害一旦发生能及时发现并定期监测，或现场有防范控制措施并能有效执行，或过去偶尔发生事故或事件",
    meaningEn:
      "Harm detected promptly and monitored regularly, or controls applied effectively; events happened only rarely",
  },
  {
    value: 1, // DB37/T 2882-2016, LS L scale
    meaningZh: "有充分、有效的防范、控制、监测、保护措施，极不可能发生事故或事件",
    meaningEn: "Full, effective prevention, control, monitoring and protection; an event is very unlikely",
  },
];

// LS matrix severity S 1–5, as DB37/T 2882-2016 words it
const lsSeverity: readonly ScaleValue[] = [
  {
    value: 5, // DB37/T 2882-2016, LS S scale
    meaningZh: "人员死亡；直接经济损失100万元以上；部分装置或设备停工；违反法律法规和标准",
    meaningEn: "Death; direct loss of 1 million yuan or more; partial shutdown; law or standard broken",
  },
  {
    value: 4, // DB37/T 2882-2016, LS S scale
    meaningZh: "丧失劳动能力；直接经济损失50万元以上；2套装置或设备停工；潜在违反法规和标准",
    meaningEn: "Incapacity for work; loss of 500,000 yuan or more; two units shut down; potential breach of law",
  },
  {
    value: 3, // DB37/T 2882-2016, LS S scale
    meaningZh: "截肢、骨折、听力丧失、慢性病；直接经济损失1万元以上；1套装置或设备停工；不符合上级或行业安全规定",
    meaningEn: "Amputation, fracture, hearing loss, chronic illness; loss of 10,000 yuan or more; one unit shut down",
  },
  {
    value: 2, // DB37/T 2882-2016, LS S scale
    meaningZh: "轻微受伤、间歇不舒服；直接经济损失1万元以下；几乎不停工；不符合公司安全操作规程",
    meaningEn:
      "Minor injury or discomfort; loss under 10,000 yuan; hardly any stoppage; company procedure not followed",
  },
  {
    value: 1, // DB37/T 2882-2016, LS S scale
    meaningZh: "无伤亡；无损失；没有停工；完全符合规定",
    meaningEn: "Negligible: no injury, no loss, no stoppage, fully compliant",
  },
];

// MES control state M (practice: no national standard fixes the MES scales)
const mesControl: readonly ScaleValue[] = [
  { value: 5, meaningZh: "无控制措施", meaningEn: "No controls" }, // MES practice, M scale
  { value: 3, meaningZh: "仅有减轻后果的措施（如报警、个体防护）", meaningEn: "Mitigation only (alarms, PPE)" }, // MES practice, M scale
  { value: 1, meaningZh: "有有效的预防措施", meaningEn: "Effective prevention" }, // MES practice, M scale
];

// MES severity S (practice)
const mesSeverity: readonly ScaleValue[] = [
  { value: 10, meaningZh: "多人死亡", meaningEn: "Multiple deaths" }, // MES practice, S scale
  { value: 8, meaningZh: "一人死亡或多人职业病", meaningEn: "One death or several occupational-disease cases" }, // MES practice, S scale
  { value: 4, meaningZh: "永久性失能", meaningEn: "Permanent disability" }, // MES practice, S scale
  { value: 2, meaningZh: "需医院治疗，缺工", meaningEn: "Lost-time injury" }, // MES practice, S scale
  { value: 1, meaningZh: "轻微，仅需急救", meaningEn: "First aid only" }, // MES practice, S scale
];

/** Every valid value of every factor, per method. Anything else is a validation error, never a silent grade. */
export const SCALES: Record<AssessmentMethod, Record<string, readonly ScaleValue[]>> = {
  LS: { l: lsLikelihood, s: lsSeverity },
  LEC: { l: lecLikelihood, e: exposure, c: lecConsequence },
  MES: { m: mesControl, e: exposure, s: mesSeverity },
};

export function isAssessmentMethod(value: unknown): value is AssessmentMethod {
  return typeof value === "string" && (ASSESSMENT_METHODS as readonly string[]).includes(value);
}

/** The valid values of one factor, most severe first. */
export function scaleValues(method: AssessmentMethod, factor: string): number[] {
  return (SCALES[method][factor] ?? []).map((entry) => entry.value);
}
