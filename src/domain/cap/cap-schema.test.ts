// Every kind of CAP document DualGuard produces, checked against the OASIS CAP 1.2 schema with xmllint (Debian's
// libxml2-utils). CAP-v1.2.xsd next to this file is the OASIS schema, unchanged. CI installs xmllint (.ci/run), so
// there these checks always run; elsewhere they are skipped when it is missing.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEVICE_TYPES } from "../monitoring/device-types";
import { ALARM_RULE_KINDS } from "../monitoring/rules";
import { type AlarmCapPhase, type AlarmCapSubject, alarmCapAlert } from "./alarm-alert";
import { buildAtomFeed } from "./atom-feed";
import { buildCapAlert, type CapAlertInput } from "./cap-alert";

const XSD = fileURLToPath(new URL("./CAP-v1.2.xsd", import.meta.url));
const hasXmllint = spawnSync("xmllint", ["--version"]).error === undefined;
if (process.env.CI && !hasXmllint) throw new Error("xmllint (libxml2-utils) is required in CI");

/** xmllint's verdict: the document read from stdin, against the CAP schema or only for well-formedness. */
function xmllint(xml: string, schema: string | null): { ok: boolean; output: string } {
  const args = schema ? ["--noout", "--schema", schema, "-"] : ["--noout", "-"];
  const result = spawnSync("xmllint", args, { input: xml, encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function expectValidCap(xml: string): void {
  const { ok, output } = xmllint(xml, XSD);
  expect(ok, `${output}\n${xml}`).toBe(true);
}

const SENT = new Date("2026-11-29T00:00:00Z");

function alertInput(overrides: Partial<CapAlertInput> = {}): CapAlertInput {
  return {
    identifier: "dualguard.alarm.a1.1",
    sender: "dualguard.example.cn",
    sent: SENT,
    status: "Actual",
    msgType: "Alert",
    info: [
      {
        language: "zh-CN",
        category: "Safety",
        event: "可燃气体高限报警",
        urgency: "Immediate",
        severity: "Severe",
        certainty: "Observed",
        area: { areaDesc: "罐区 A", circle: { lat: 31.2304, lng: 121.4737, radiusKm: 0.2 } },
      },
    ],
    ...overrides,
  };
}

const withArea = (area: CapAlertInput["info"][number]["area"]) =>
  alertInput({ info: [{ ...alertInput().info[0], area }] });

const subject: AlarmCapSubject = {
  alarmId: "0b6c3c1e-1f5e-4b38-9a1d-2f0c5f3c9e11",
  deviceId: "GT-101",
  deviceName: "GT-101 <罐区 A & B>",
  deviceType: "combustible_gas",
  ruleId: "high",
  ruleKind: "threshold_high",
  severity: 2,
  message: { "zh-CN": "高限报警：读数 25 %LEL 达到或超过报警阈值 20 %LEL", en: "High alarm: reading 25 %LEL" },
  value: 25,
  peak: 25,
  raisedAt: SENT,
  enterpriseName: "示例化工有限公司",
  area: { areaDesc: "示例化工 罐区 A", circle: { lat: 31.2304, lng: 121.4737, radiusKm: 0 } },
};

describe.skipIf(!hasXmllint)("CAP documents validate against the OASIS CAP 1.2 schema", () => {
  it("an Alert with a circle", () => {
    expectValidCap(buildCapAlert(alertInput()));
  });

  it("an Alert with a polygon", () => {
    const polygon = [
      [31.23, 121.47],
      [31.24, 121.47],
      [31.24, 121.48],
    ] as const;
    expectValidCap(buildCapAlert(withArea({ areaDesc: "厂区", polygon })));
  });

  it("an Update referencing earlier alerts", () => {
    const references = [
      { sender: "dualguard.example.cn", identifier: "dualguard.alarm.a1.1", sent: SENT },
      { sender: "dualguard.example.cn", identifier: "dualguard.alarm.a1.2", sent: new Date(SENT.getTime() + 60_000) },
    ];
    expectValidCap(buildCapAlert(alertInput({ identifier: "dualguard.alarm.a1.3", msgType: "Update", references })));
  });

  it("a Cancel", () => {
    const references = [{ sender: "dualguard.example.cn", identifier: "dualguard.alarm.a1.1", sent: SENT }];
    expectValidCap(
      buildCapAlert(alertInput({ identifier: "x.2", msgType: "Cancel", references, note: "检测器校准用标准气" })),
    );
  });

  it("text with <, &, quotes, Chinese characters and a stray control character", () => {
    const info = alertInput().info[0];
    const xml = buildCapAlert(
      alertInput({
        info: [
          {
            ...info,
            event: "H₂S < 10 ppm & \"O₂\" 'low'",
            headline: "罐区 <A> & 泵房",
            description: "第一行\n第二行 \u0007 <script>alert('x')</script>",
            senderName: "示例化工 & Co.",
            parameters: [{ name: "a<b", value: "c&d" }],
          },
        ],
      }),
    );
    expectValidCap(xml);
  });

  it("every optional element at once, in schema order", () => {
    const info = alertInput().info[0];
    const full = alertInput({
      source: "DualGuard",
      scope: "Private",
      addresses: ["safety@example.cn", "Territory Office 3"],
      note: "note",
      incidents: ["dualguard.alarm.a1"],
      info: [
        {
          ...info,
          category: ["Safety", "Fire"],
          responseType: ["Execute", "Monitor"],
          audience: "enterprise and supervisors",
          eventCodes: [{ name: "DualGuard", value: "combustible_gas.threshold_high" }],
          effective: SENT,
          onset: SENT,
          expires: new Date(SENT.getTime() + 3_600_000),
          senderName: "示例化工",
          headline: "headline",
          description: "description",
          instruction: "instruction",
          web: "https://dualguard.example.cn/alarms/a1",
          contact: "0571-00000000",
          parameters: [{ name: "value", value: "25" }],
          area: [
            {
              areaDesc: "circle and polygon",
              circle: { lat: 0, lng: 0, radiusKm: 1 },
              polygon: [
                [0, 0],
                [0, 1],
                [1, 1],
                [0, 0],
              ],
            },
            { areaDesc: "second area" },
          ],
        },
        { ...info, language: "en-US", event: "Combustible gas high alarm" },
      ],
    });
    expectValidCap(buildCapAlert(full));
  });

  it("a restricted alert and one sent in UTC", () => {
    expectValidCap(
      buildCapAlert(alertInput({ scope: "Restricted", restriction: "supervisors only", utcOffsetMinutes: 0 })),
    );
    expectValidCap(buildCapAlert(alertInput({ status: "Exercise", utcOffsetMinutes: -330 })));
    expectValidCap(buildCapAlert(alertInput({ status: "Test" })));
  });

  const phases: AlarmCapPhase[] = ["raise", "update", "clear", "cancel"];
  it.each(phases)("an alarm's %s message, for every device type and rule kind", (phase) => {
    const previous = phase === "raise" ? [] : [{ identifier: "dualguard.alarm.x.1", sent: SENT }];
    for (const deviceType of DEVICE_TYPES) {
      for (const ruleKind of ALARM_RULE_KINDS) {
        const input = alarmCapAlert({ ...subject, deviceType, ruleKind }, phase, {
          sender: "dualguard.example.cn",
          sent: new Date(SENT.getTime() + 120_000),
          sequence: previous.length + 1,
          previous,
          cancelNote: "误报：检测器标定",
          web: "https://dualguard.example.cn/alarms/x",
        });
        expectValidCap(buildCapAlert(input));
      }
    }
  });

  it("an alarm drawn as the unit's polygon", () => {
    const polygon = [
      [31.23, 121.47],
      [31.24, 121.47],
      [31.24, 121.48],
      [31.23, 121.48],
    ] as const;
    const input = alarmCapAlert({ ...subject, area: { areaDesc: "罐区 A", polygon } }, "raise", {
      sender: "dualguard.example.cn",
      sent: SENT,
      sequence: 1,
      previous: [],
    });
    expectValidCap(buildCapAlert(input));
  });

  it("an Atom feed that is well-formed XML and carries valid CAP alerts", () => {
    const raised = buildCapAlert(
      alarmCapAlert(subject, "raise", { sender: "s.cn", sent: SENT, sequence: 1, previous: [] }),
    );
    const cleared = buildCapAlert(
      alarmCapAlert({ ...subject, alarmId: "b2" }, "clear", {
        sender: "s.cn",
        sent: SENT,
        sequence: 2,
        previous: [{ identifier: "dualguard.alarm.b2.1", sent: SENT }],
      }),
    );
    const feed = buildAtomFeed({
      id: "urn:dualguard:cap:feed",
      title: "DualGuard 报警 & alarms",
      updated: SENT,
      authorName: "DualGuard",
      selfHref: "https://dualguard.example.cn/api/v1/cap/alerts.atom?a=1&b=2",
      entries: [
        {
          id: "urn:dualguard:cap:s.cn:1",
          title: "高限报警 <GT-101>",
          updated: SENT,
          capXml: raised,
          href: "https://x.cn/1.xml",
        },
        { id: "urn:dualguard:cap:s.cn:2", title: "解除", updated: SENT, capXml: cleared, summary: "a < b" },
      ],
    });
    const wellFormed = xmllint(feed, null);
    expect(wellFormed.ok, wellFormed.output).toBe(true);
    const embedded = [...feed.matchAll(/<alert xmlns="urn:oasis:names:tc:emergency:cap:1\.2">[\s\S]*?<\/alert>/g)];
    expect(embedded).toHaveLength(2);
    for (const [alert] of embedded) expectValidCap(alert);
  });
});

describe.skipIf(!hasXmllint)("the schema check is not a formality", () => {
  it("rejects elements out of the schema's order", () => {
    const xml = buildCapAlert(alertInput()).replace(
      /(<status>Actual<\/status>)\s*(<msgType>Alert<\/msgType>)/,
      "$2\n  $1",
    );
    expect(xmllint(xml, XSD).ok).toBe(false);
  });

  it("rejects a sent time written with Z", () => {
    const xml = buildCapAlert(alertInput()).replace(/<sent>[^<]+<\/sent>/, "<sent>2026-11-29T00:00:00Z</sent>");
    expect(xmllint(xml, XSD).ok).toBe(false);
  });
});
