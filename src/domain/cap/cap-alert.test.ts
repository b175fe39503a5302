import { describe, expect, it } from "vitest";
import {
  buildCapAlert,
  CapAlertError,
  type CapAlertInput,
  capAlertProblems,
  capDateTime,
  capSeverityFor,
  capUrgencyCertaintyFor,
  xmlEscape,
} from "./cap-alert";

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
const fields = (input: CapAlertInput) => capAlertProblems(input).map((p) => p.field);
const tag = (xml: string, name: string) => xml.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1];

describe("capDateTime", () => {
  it("writes China Standard Time by default, as in 2026-11-29T08:00:00+08:00", () => {
    expect(capDateTime(SENT)).toBe("2026-11-29T08:00:00+08:00");
  });

  it("writes UTC as -00:00, never Z (CAP 1.2 §3.3.2)", () => {
    expect(capDateTime(SENT, 0)).toBe("2026-11-29T00:00:00-00:00");
  });

  it("handles negative and half-hour offsets and crosses the date line", () => {
    expect(capDateTime(SENT, -300)).toBe("2026-11-28T19:00:00-05:00");
    expect(capDateTime(SENT, 330)).toBe("2026-11-29T05:30:00+05:30");
  });

  it("drops milliseconds: the schema's pattern has whole seconds", () => {
    expect(capDateTime(new Date("2026-11-29T00:00:00.999Z"), 0)).toBe("2026-11-29T00:00:00-00:00");
  });
});

describe("severity, urgency and certainty of a sensor alarm", () => {
  it("maps severity 1–4 to Extreme, Severe, Moderate, Minor", () => {
    expect(([1, 2, 3, 4] as const).map(capSeverityFor)).toEqual(["Extreme", "Severe", "Moderate", "Minor"]);
  });

  it("is Immediate and Observed while live, Past and Observed once ended", () => {
    expect(capUrgencyCertaintyFor(true)).toEqual({ urgency: "Immediate", certainty: "Observed" });
    expect(capUrgencyCertaintyFor(false)).toEqual({ urgency: "Past", certainty: "Observed" });
  });
});

describe("buildCapAlert", () => {
  it("writes a CAP 1.2 alert in the CAP namespace with the header elements in schema order", () => {
    const xml = buildCapAlert(alertInput());
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'),
    ).toBe(true);
    const order = ["identifier", "sender", "sent", "status", "msgType", "scope", "info"].map((n) =>
      xml.indexOf(`<${n}>`),
    );
    expect(order.every((position, i) => position > 0 && (i === 0 || position > order[i - 1]))).toBe(true);
    expect(tag(xml, "scope")).toBe("Public");
  });

  it("writes a circle as 'lat,lon radius' in kilometres", () => {
    expect(tag(buildCapAlert(alertInput()), "circle")).toBe("31.2304,121.4737 0.2");
  });

  it("closes a polygon by repeating the first point", () => {
    const xml = buildCapAlert(
      withArea({
        areaDesc: "a",
        polygon: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      }),
    );
    expect(tag(xml, "polygon")).toBe("1,2 3,4 5,6 1,2");
  });

  it("leaves an already closed polygon as it is", () => {
    const xml = buildCapAlert(
      withArea({
        areaDesc: "a",
        polygon: [
          [1, 2],
          [3, 4],
          [5, 6],
          [1, 2],
        ],
      }),
    );
    expect(tag(xml, "polygon")).toBe("1,2 3,4 5,6 1,2");
  });

  it("writes coordinates without exponents or trailing zeros", () => {
    const xml = buildCapAlert(withArea({ areaDesc: "a", circle: { lat: 0.0000001, lng: -0.0000001, radiusKm: 1.5 } }));
    expect(tag(xml, "circle")).toBe("0,0 1.5");
  });

  it("joins references as 'sender,identifier,sent' separated by spaces", () => {
    const xml = buildCapAlert(
      alertInput({
        msgType: "Update",
        references: [
          { sender: "s.cn", identifier: "a.1", sent: SENT },
          { sender: "s.cn", identifier: "a.2", sent: new Date(SENT.getTime() + 60_000) },
        ],
      }),
    );
    expect(tag(xml, "references")).toBe("s.cn,a.1,2026-11-29T08:00:00+08:00 s.cn,a.2,2026-11-29T08:01:00+08:00");
  });

  it("escapes <, &, > and quotes and keeps Chinese as it is", () => {
    const info = alertInput().info[0];
    const xml = buildCapAlert(alertInput({ info: [{ ...info, headline: '罐区 <A> & "B"' }] }));
    expect(tag(xml, "headline")).toBe("罐区 &lt;A&gt; &amp; &quot;B&quot;");
  });

  it("quotes an address that contains spaces", () => {
    const xml = buildCapAlert(alertInput({ scope: "Private", addresses: ["a@x.cn", "Territory Office 3"] }));
    expect(tag(xml, "addresses")).toBe("a@x.cn &quot;Territory Office 3&quot;");
  });

  it("refuses bad input with every problem in Chinese and English", () => {
    let error: unknown;
    try {
      buildCapAlert(alertInput({ identifier: "has space", msgType: "Cancel" }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CapAlertError);
    expect((error as CapAlertError).problems.map((p) => p.field)).toEqual(["identifier", "references"]);
    expect((error as CapAlertError).problems[1].message["zh-CN"]).toBe("更新或撤销消息须引用原消息。");
  });
});

describe("capAlertProblems", () => {
  it("accepts the plain alert", () => {
    expect(capAlertProblems(alertInput())).toEqual([]);
  });

  it("refuses identifiers and senders with spaces, commas, < or &", () => {
    for (const bad of ["a b", "a,b", "a<b", "a&b", ""]) {
      expect(fields(alertInput({ identifier: bad, sender: bad }))).toEqual(["identifier", "sender"]);
    }
  });

  it("needs references for an Update and a Cancel, and valid ones", () => {
    expect(fields(alertInput({ msgType: "Update" }))).toEqual(["references"]);
    const bad = [{ sender: "s", identifier: "i,d", sent: new Date("x") }];
    expect(fields(alertInput({ msgType: "Update", references: bad }))).toEqual([
      "references[0].identifier",
      "references[0].sent",
    ]);
  });

  it("needs a restriction for Restricted and addresses for Private", () => {
    expect(fields(alertInput({ scope: "Restricted" }))).toEqual(["restriction"]);
    expect(fields(alertInput({ scope: "Private", addresses: [" "] }))).toEqual(["addresses"]);
  });

  it("refuses a polygon of fewer than three distinct points and a circle off the globe", () => {
    expect(
      fields(
        withArea({
          areaDesc: "a",
          polygon: [
            [1, 2],
            [3, 4],
            [1, 2],
          ],
        }),
      ),
    ).toEqual(["info[0].area[0].polygon"]);
    expect(fields(withArea({ areaDesc: "a", circle: { lat: 91, lng: 0, radiusKm: 1 } }))).toEqual([
      "info[0].area[0].circle",
    ]);
    expect(fields(withArea({ areaDesc: "a", circle: { lat: 0, lng: 0, radiusKm: -1 } }))).toEqual([
      "info[0].area[0].circle",
    ]);
  });

  it("refuses a blank event, no category, a bad language, an area without description and a bad offset", () => {
    const info = alertInput().info[0];
    expect(
      fields(
        alertInput({
          utcOffsetMinutes: 15 * 60,
          info: [{ ...info, event: " ", category: [], language: "zh_CN", area: { areaDesc: "" } }],
        }),
      ),
    ).toEqual([
      "utcOffsetMinutes",
      "info[0].language",
      "info[0].category",
      "info[0].event",
      "info[0].area[0].areaDesc",
    ]);
  });
});

describe("xmlEscape", () => {
  it("drops characters XML 1.0 cannot hold", () => {
    expect(xmlEscape("a\u0000b\u0007c\uD800d")).toBe("abcd");
    expect(xmlEscape("tab\tnew\nline")).toBe("tab\tnew\nline");
  });
});
