// OASIS Common Alerting Protocol 1.2: one CAP `alert` document as text. Element order, enumerations and date patterns
// follow the OASIS schema (CAP-v1.2.xsd, beside this file); the rules the schema cannot express (no spaces or commas
// in identifiers, references for Update and Cancel, closed polygons) follow the CAP 1.2 specification §3.

import { type LocalisedText, text } from "../text";

export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
export const CAP_MEDIA_TYPE = "application/cap+xml";

export type CapStatus = "Actual" | "Exercise" | "Test";
export type CapMsgType = "Alert" | "Update" | "Cancel";
export type CapScope = "Public" | "Restricted" | "Private";
export type CapCategory =
  | "Geo"
  | "Met"
  | "Safety"
  | "Security"
  | "Rescue"
  | "Fire"
  | "Health"
  | "Env"
  | "Transport"
  | "Infra"
  | "CBRNE"
  | "Other";
export type CapResponseType =
  | "Shelter"
  | "Evacuate"
  | "Prepare"
  | "Execute"
  | "Avoid"
  | "Monitor"
  | "Assess"
  | "AllClear"
  | "None";
export type CapUrgency = "Immediate" | "Expected" | "Future" | "Past" | "Unknown";
export type CapSeverity = "Extreme" | "Severe" | "Moderate" | "Minor" | "Unknown";
export type CapCertainty = "Observed" | "Likely" | "Possible" | "Unlikely" | "Unknown";

/** An earlier message, as CAP references it: its sender, identifier and sent time. */
export type CapReference = { sender: string; identifier: string; sent: Date };

export type CapCircle = { lat: number; lng: number; radiusKm: number };
/** [latitude, longitude] in WGS 84. */
export type CapPoint = readonly [number, number];

export type CapArea = {
  areaDesc: string;
  circle?: CapCircle;
  /** At least three distinct points; the first is repeated at the end if the caller did not close the ring. */
  polygon?: readonly CapPoint[];
};

export type CapNameValue = { name: string; value: string };

export type CapInfo = {
  /** RFC 3066 code such as "zh-CN"; CAP's default is "en-US". */
  language?: string;
  category: CapCategory | readonly CapCategory[];
  event: string;
  responseType?: readonly CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  audience?: string;
  eventCodes?: readonly CapNameValue[];
  effective?: Date;
  onset?: Date;
  expires?: Date;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters?: readonly CapNameValue[];
  area?: CapArea | readonly CapArea[];
};

export type CapAlertInput = {
  identifier: string;
  sender: string;
  sent: Date;
  status: CapStatus;
  msgType: CapMsgType;
  source?: string;
  /** Default "Public". "Restricted" needs `restriction`, "Private" needs `addresses` (CAP 1.2 §3.2.1). */
  scope?: CapScope;
  restriction?: string;
  addresses?: readonly string[];
  note?: string;
  /** Required for Update and Cancel: the messages they update or cancel. */
  references?: readonly CapReference[];
  incidents?: readonly string[];
  info: readonly CapInfo[];
  /**
   * Offset from UTC in minutes for every time in the message; default 480, China Standard Time (UTC+8, no daylight
   * saving). References are written with it too, so keep it the same for all messages of one sender.
   */
  utcOffsetMinutes?: number;
};

export type CapProblem = { field: string; message: LocalisedText };

export class CapAlertError extends Error {
  readonly problems: CapProblem[];
  constructor(problems: CapProblem[]) {
    super(`Invalid CAP alert: ${problems.map((p) => `${p.field}: ${p.message.en}`).join("; ")}`);
    this.name = "CapAlertError";
    this.problems = problems;
  }
}

// China Standard Time: DualGuard's home zone.
export const DEFAULT_CAP_UTC_OFFSET_MINUTES = 480;

/**
 * A time in CAP's form: "2026-11-29T08:00:00+08:00", whole seconds, a numeric offset and never "Z"; UTC is written
 * "-00:00" (CAP 1.2 §3.3.2; the schema's pattern `\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d`).
 */
export function capDateTime(date: Date, utcOffsetMinutes: number = DEFAULT_CAP_UTC_OFFSET_MINUTES): string {
  const local = new Date(date.getTime() + utcOffsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, "0");
  const sign = utcOffsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(utcOffsetMinutes);
  return (
    `${String(local.getUTCFullYear()).padStart(4, "0")}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}` +
    `T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/** Alarm severity 1–4 (red … blue) as CAP severity: 1 Extreme, 2 Severe, 3 Moderate, 4 Minor. */
export function capSeverityFor(severity: 1 | 2 | 3 | 4): CapSeverity {
  // CAP 1.2 §3.2.2: Extreme "extraordinary threat to life or property", Severe "significant threat", Moderate
  // "possible threat", Minor "minimal to no known threat": the same descending order as the four risk colours.
  const bySeverity: Record<1 | 2 | 3 | 4, CapSeverity> = { 1: "Extreme", 2: "Severe", 3: "Moderate", 4: "Minor" };
  return bySeverity[severity];
}

/**
 * Urgency and certainty of a live sensor alarm: Immediate ("responsive action should be taken immediately") and
 * Observed ("determined to have occurred or to be ongoing": a measurement, not a forecast). Once the condition has
 * ended: Past ("responsive action is no longer required"), still Observed.
 */
export function capUrgencyCertaintyFor(live: boolean): { urgency: CapUrgency; certainty: CapCertainty } {
  return live ? { urgency: "Immediate", certainty: "Observed" } : { urgency: "Past", certainty: "Observed" };
}

// XML 1.0 §2.2 production Char: what a document may hold at all. Anything else (control characters, lone surrogates)
// is dropped rather than escaped, since no escape makes it legal.
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** Text safe inside an XML element or a double-quoted attribute. */
export function xmlEscape(text: string): string {
  let legal = "";
  for (const char of text) if (isXmlChar(char.codePointAt(0)!)) legal += char;
  return legal.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function decimal(n: number, places: number): string {
  const text = n.toFixed(places).replace(/\.?0+$/, "");
  return text === "-0" ? "0" : text;
}

const point = ([lat, lng]: CapPoint) => `${decimal(lat, 6)},${decimal(lng, 6)}`;

const isBlank = (text: unknown) => typeof text !== "string" || text.trim() === "";
const isValidDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
const isLat = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= -90 && n <= 90;
const isLng = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= -180 && n <= 180;
// xs:language (RFC 3066 form).
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
// CAP 1.2 §3.2.1: identifier and sender "MUST NOT include spaces, commas or restricted characters (< and &)".
const CAP_TOKEN = /^[^\s,<&]+$/;

const asArray = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/** The polygon's points closed into a ring (first point repeated at the end), as CAP requires. */
function closedRing(points: readonly CapPoint[]): readonly CapPoint[] {
  const [first] = points;
  const last = points[points.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? points : [...points, first];
}

/** What is wrong with the input, [] when buildCapAlert will accept it. */
export function capAlertProblems(input: CapAlertInput): CapProblem[] {
  const problems: CapProblem[] = [];
  const add = (field: string, zh: string, en: string) => problems.push({ field, message: text(zh, en) });
  const token = (field: string, value: unknown) => {
    if (typeof value !== "string" || !CAP_TOKEN.test(value)) {
      add(field, "不能为空，且不能含空格、逗号、< 或 &。", "Must not be empty or contain spaces, commas, < or &.");
    }
  };

  token("identifier", input.identifier);
  token("sender", input.sender);
  if (!isValidDate(input.sent)) add("sent", "发送时间无效。", "The sent time is not a valid date.");
  const offset = input.utcOffsetMinutes ?? DEFAULT_CAP_UTC_OFFSET_MINUTES;
  if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) {
    add(
      "utcOffsetMinutes",
      "时区偏移须为 −840 到 840 之间的整数分钟。",
      "The UTC offset must be whole minutes within ±14 hours.",
    );
  }
  if (!["Actual", "Exercise", "Test"].includes(input.status)) add("status", "状态无效。", "Unknown status.");
  if (!["Alert", "Update", "Cancel"].includes(input.msgType)) add("msgType", "消息类型无效。", "Unknown msgType.");
  const scope = input.scope ?? "Public";
  if (!["Public", "Restricted", "Private"].includes(scope)) add("scope", "范围无效。", "Unknown scope.");
  if (scope === "Restricted" && isBlank(input.restriction)) {
    add("restriction", "受限范围须说明限制规则。", 'A "Restricted" alert needs a restriction text.');
  }
  if (scope === "Private" && (input.addresses ?? []).every(isBlank)) {
    add("addresses", "私有范围须列出收件人。", 'A "Private" alert needs its addresses.');
  }
  const references = input.references ?? [];
  if (input.msgType !== "Alert" && references.length === 0) {
    add(
      "references",
      "更新或撤销消息须引用原消息。",
      "An Update or Cancel must reference the messages it updates or cancels.",
    );
  }
  references.forEach((ref, i) => {
    token(`references[${i}].sender`, ref.sender);
    token(`references[${i}].identifier`, ref.identifier);
    if (!isValidDate(ref.sent)) add(`references[${i}].sent`, "被引用消息的发送时间无效。", "Not a valid date.");
  });
  (input.incidents ?? []).forEach((incident, i) => {
    token(`incidents[${i}]`, incident);
  });

  input.info.forEach((info, i) => {
    const at = (field: string) => `info[${i}].${field}`;
    if (info.language !== undefined && !LANGUAGE.test(info.language)) {
      add(at("language"), "语言代码无效（如 zh-CN）。", 'Not a language code (e.g. "zh-CN").');
    }
    if (asArray(info.category).length === 0)
      add(at("category"), "至少需要一个类别。", "At least one category is needed.");
    if (isBlank(info.event)) add(at("event"), "请填写事件类型。", "Name the event.");
    for (const field of ["effective", "onset", "expires"] as const) {
      if (info[field] !== undefined && !isValidDate(info[field])) add(at(field), "时间无效。", "Not a valid date.");
    }
    [...(info.parameters ?? []), ...(info.eventCodes ?? [])].forEach((pair) => {
      if (isBlank(pair.name)) add(at("parameters"), "参数名不能为空。", "A parameter needs a name.");
    });
    asArray(info.area).forEach((area, j) => {
      const areaAt = (field: string) => at(`area[${j}].${field}`);
      if (isBlank(area.areaDesc)) add(areaAt("areaDesc"), "请描述区域。", "Describe the area.");
      if (area.circle) {
        const { lat, lng, radiusKm } = area.circle;
        if (!isLat(lat) || !isLng(lng) || !(Number.isFinite(radiusKm) && radiusKm >= 0)) {
          add(
            areaAt("circle"),
            "圆心须为有效经纬度，半径不小于 0 公里。",
            "The centre must be a valid lat/lng and the radius ≥ 0 km.",
          );
        }
      }
      if (area.polygon) {
        const valid = area.polygon.every(([lat, lng]) => isLat(lat) && isLng(lng));
        // CAP 1.2 §3.2.4: "A minimum of 4 coordinate pairs MUST be present and the first and last pairs … the same".
        if (!valid || area.polygon.length < 3 || closedRing(area.polygon).length < 4) {
          add(areaAt("polygon"), "多边形须至少有 3 个有效顶点。", "A polygon needs at least 3 distinct valid points.");
        }
      }
    });
  });
  return problems;
}

type Element = { open: string; children: Node[]; close: string };
type Node = string | null | undefined | Element;

/** `<name>text</name>`, or nothing when there is no text. */
function el(name: string, text: string | number | undefined): string | null {
  if (text === undefined) return null;
  return `<${name}>${xmlEscape(String(text))}</${name}>`;
}

function block(name: string, children: Node[], attributes = ""): Element {
  return { open: `<${name}${attributes}>`, children, close: `</${name}>` };
}

/** Two spaces per level; text never spans lines except where the caller's own text has line breaks. */
function render(nodes: Node[], depth: number, out: string[]): string[] {
  const indent = "  ".repeat(depth);
  for (const node of nodes) {
    if (typeof node === "string") out.push(indent + node);
    else if (node) {
      out.push(indent + node.open);
      render(node.children, depth + 1, out);
      out.push(indent + node.close);
    }
  }
  return out;
}

// An address with whitespace is enclosed in double quotes (CAP 1.2 §3.2.1 addresses).
const address = (a: string) => (/\s/.test(a) ? `"${a}"` : a);

/**
 * The CAP 1.2 document for the input, with the XML declaration. Throws CapAlertError (with Chinese and English
 * messages) when capAlertProblems finds anything; all text is escaped, so any words may go in.
 */
export function buildCapAlert(input: CapAlertInput): string {
  const problems = capAlertProblems(input);
  if (problems.length > 0) throw new CapAlertError(problems);
  const offset = input.utcOffsetMinutes ?? DEFAULT_CAP_UTC_OFFSET_MINUTES;
  const time = (date: Date | undefined) => (date ? capDateTime(date, offset) : undefined);
  const references = input.references ?? [];

  // The schema's sequence: identifier, sender, sent, status, msgType, source, scope, restriction, addresses, code,
  // note, references, incidents, info.
  const alert: Node[] = [
    el("identifier", input.identifier),
    el("sender", input.sender),
    el("sent", time(input.sent)),
    el("status", input.status),
    el("msgType", input.msgType),
    el("source", input.source),
    el("scope", input.scope ?? "Public"),
    el("restriction", input.restriction),
    el(
      "addresses",
      input.addresses
        ?.filter((a) => !isBlank(a))
        .map(address)
        .join(" "),
    ),
    el("note", input.note),
    // CAP 1.2 §3.2.1: each reference is "sender,identifier,sent"; several are separated by whitespace.
    el(
      "references",
      references.length ? references.map((r) => `${r.sender},${r.identifier},${time(r.sent)}`).join(" ") : undefined,
    ),
    el("incidents", input.incidents?.length ? input.incidents.join(" ") : undefined),
    ...input.info.map((info) =>
      // info's sequence: language, category, event, responseType, urgency, severity, certainty, audience, eventCode,
      // effective, onset, expires, senderName, headline, description, instruction, web, contact, parameter, resource,
      // area.
      block("info", [
        el("language", info.language),
        ...asArray(info.category).map((category) => el("category", category)),
        el("event", info.event),
        ...(info.responseType ?? []).map((response) => el("responseType", response)),
        el("urgency", info.urgency),
        el("severity", info.severity),
        el("certainty", info.certainty),
        el("audience", info.audience),
        ...(info.eventCodes ?? []).map((code) =>
          block("eventCode", [el("valueName", code.name), el("value", code.value)]),
        ),
        el("effective", time(info.effective)),
        el("onset", time(info.onset)),
        el("expires", time(info.expires)),
        el("senderName", info.senderName),
        el("headline", info.headline),
        el("description", info.description),
        el("instruction", info.instruction),
        el("web", info.web),
        el("contact", info.contact),
        ...(info.parameters ?? []).map((p) => block("parameter", [el("valueName", p.name), el("value", p.value)])),
        // area's sequence: areaDesc, polygon, circle, geocode, altitude, ceiling.
        ...asArray(info.area).map((area) =>
          block("area", [
            el("areaDesc", area.areaDesc),
            // CAP 1.2 §3.2.4: whitespace-separated "lat,lon" pairs, first and last the same.
            el("polygon", area.polygon ? closedRing(area.polygon).map(point).join(" ") : undefined),
            // CAP 1.2 §3.2.4: "lat,lon radius", the radius in kilometres.
            el(
              "circle",
              area.circle
                ? `${point([area.circle.lat, area.circle.lng])} ${decimal(area.circle.radiusKm, 3)}`
                : undefined,
            ),
          ]),
        ),
      ]),
    ),
  ];
  const lines = render([block("alert", alert, ` xmlns="${CAP_NAMESPACE}"`)], 0, []);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${lines.join("\n")}\n`;
}
