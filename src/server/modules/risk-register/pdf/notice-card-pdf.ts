import type { Kysely } from "kysely";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { MEASURE_KINDS } from "../../../../domain/risk/vocabulary";
import type { DB } from "../../../db/schema";
import { notFound } from "../../../errors";
import { loadRiskPoint } from "../risk-point-queries";
import { drawText, heightOfText, type TextStyle, wrapText } from "./cjk-text";
import { pdfBuffer } from "./pdf-buffer";
import {
  accidentTypeName,
  controlLevelName,
  type LevelLabel,
  levelLabel,
  measureKindName,
  printDate,
} from "./print-labels";

export type CardSize = "A4" | "A5";

// Portrait page sizes in points (ISO 216).
const PAGE_SIZES: Record<CardSize, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  A5: { width: 419.53, height: 595.28 },
};

export interface NoticeCardOptions {
  size: CardSize;
  /** What the QR code opens: the public card page, `${origin}/card/${publicToken}`. */
  cardUrl: string;
  at?: Date;
}

type CardPoint = NonNullable<Awaited<ReturnType<typeof loadRiskPoint>>>;

/**
 * The risk notice card (岗位/场所安全风险告知卡) posted at a risk point: a band
 * in the level's colour, what can go wrong there, how it is controlled, what to
 * do in an emergency and whom to call, and a QR code to the live public card.
 * Everything on A4 scales down to A5; content that does not fit continues on a
 * further page.
 */
export async function buildNoticeCardPdf(
  db: Kysely<DB>,
  riskPoint: { ownerId: string; id: string },
  options: NoticeCardOptions,
): Promise<Buffer> {
  const point = await loadRiskPoint(db, riskPoint.ownerId, riskPoint.id);
  if (!point) throw notFound({ "zh-CN": "该风险点", en: "The risk point" });
  const page = PAGE_SIZES[options.size];
  // Every length below is designed for A4 and scaled by this.
  const s = page.width / PAGE_SIZES.A4.width;
  const margin = 28 * s;
  const width = page.width - 2 * margin;
  const level = levelLabel(point.level);
  const isPost = point.kind === "process" || point.kind === "operation";
  const title = `${isPost ? "岗位" : "场所"}安全风险告知卡`;
  const doc = new PDFDocument({
    size: [page.width, page.height],
    margin: 0,
    info: { Title: `${point.name} ${title}`, Author: point.ownerName, Creator: "DualGuard" },
  });

  const footerHeight = 112 * s;
  const contentBottom = page.height - margin - footerHeight - 10 * s;
  const body: TextStyle = { size: 10.5 * s, lineHeight: 1.5 };
  const heading: TextStyle = { size: 12 * s, weight: "bold", lineHeight: 1.5 };
  let y = 0;

  const newPage = (first: boolean) => {
    if (!first) doc.addPage({ size: [page.width, page.height], margin: 0 });
    drawFooter(doc, point, options, level, { s, margin, width, top: page.height - margin - footerHeight });
    y = first
      ? drawBand(doc, level, title, page.width, s)
      : drawContinuationBand(doc, point.name, level, page.width, s);
    y += 14 * s;
  };
  /** Wraps text and draws it line by line, turning the page where the footer begins. */
  const paragraph = (text: string, style: TextStyle, indent = 0, colour?: string) => {
    const lineHeight = style.size * (style.lineHeight ?? 1.45);
    for (const line of wrapText(text, width - indent, style.size, style.weight)) {
      if (y + lineHeight > contentBottom) newPage(false);
      drawText(doc, line, { ...style, x: margin + indent, y, width: width - indent, colour });
      y += lineHeight;
    }
  };
  const section = (name: string) => {
    const needed = heading.size * 1.5 + 2 * body.size * 1.5 + 6 * s;
    if (y + needed > contentBottom) newPage(false);
    y += 6 * s;
    doc.rect(margin, y + 3 * s, 4 * s, heading.size * 1.5 - 6 * s).fill(level.level ? level.hex : "#737373");
    drawText(doc, name, { ...heading, x: margin + 10 * s, y, width: width - 10 * s });
    y += heading.size * 1.5 + 2 * s;
  };
  const numbered = (items: string[], empty: string, indent = 0) => {
    if (items.length === 0) paragraph(empty, body, indent, "#737373");
    items.forEach((item, index) => {
      paragraph(`${index + 1}. ${item}`, body, indent);
    });
  };

  newPage(true);
  paragraph(point.name, { size: 20 * s, weight: "bold", lineHeight: 1.4 });
  paragraph(point.ownerName, { size: 10 * s, lineHeight: 1.5 }, 0, "#595959");
  y += 6 * s;
  y = drawFacts(doc, point, { s, margin, width, y });

  section("主要危险有害因素");
  numbered(
    point.hazards.map((hazard) => hazard.description),
    "尚未辨识危险源",
  );
  section("可能导致的事故类型（GB 6441）");
  const accidents = [...new Set(point.hazards.flatMap((hazard) => hazard.accidentTypes))];
  paragraph(accidents.length ? accidents.map((code) => accidentTypeName(code).zh).join("、") : "—", body);
  section("主要管控措施");
  const controlKinds = MEASURE_KINDS.filter((kind) => kind !== "emergency");
  const anyControl = point.measures.some((measure) => measure.kind !== "emergency");
  if (!anyControl) paragraph("尚未制定管控措施", body, 0, "#737373");
  for (const kind of controlKinds) {
    const contents = point.measures.filter((measure) => measure.kind === kind).map((measure) => measure.content);
    if (contents.length === 0) continue;
    paragraph(measureKindName(kind).zh, { ...body, weight: "bold" });
    numbered(contents, "", 10 * s);
  }
  section(measureKindName("emergency").zh);
  numbered(
    point.measures.filter((measure) => measure.kind === "emergency").map((measure) => measure.content),
    "发生险情立即停止作业、撤离现场并报告；拨打下方应急电话",
  );
  return pdfBuffer(doc);
}

/** The band across the top in the level's colour: the card's title and the level in large type. */
function drawBand(doc: PDFKit.PDFDocument, level: LevelLabel, title: string, pageWidth: number, s: number): number {
  const height = 124 * s;
  doc.rect(0, 0, pageWidth, height).fill(level.hex);
  const colour = level.textHex;
  drawText(doc, title, { x: 0, y: 14 * s, width: pageWidth, size: 20 * s, weight: "bold", align: "center", colour });
  drawText(doc, level.name.zh, {
    x: 0,
    y: 42 * s,
    width: pageWidth,
    size: 36 * s,
    weight: "bold",
    lineHeight: 1.3,
    align: "center",
    colour,
  });
  const english = level.colourName ? `${level.name.en} · ${level.colourName.zh}` : level.name.en;
  drawText(doc, english, { x: 0, y: 92 * s, width: pageWidth, size: 11 * s, align: "center", colour });
  return height;
}

function drawContinuationBand(
  doc: PDFKit.PDFDocument,
  name: string,
  level: LevelLabel,
  pageWidth: number,
  s: number,
): number {
  const height = 30 * s;
  doc.rect(0, 0, pageWidth, height).fill(level.hex);
  drawText(doc, `${name}（续） · ${level.name.zh}`, {
    x: 0,
    y: 6 * s,
    width: pageWidth,
    size: 12 * s,
    weight: "bold",
    align: "center",
    colour: level.textHex,
  });
  return height;
}

interface Frame {
  s: number;
  margin: number;
  width: number;
}

/** Unit, control level, controlling unit and responsible person as a two-by-two table. */
function drawFacts(doc: PDFKit.PDFDocument, point: CardPoint, frame: Frame & { y: number }): number {
  const { s, margin, width } = frame;
  const facts: [string, string][] = [
    ["所属单元", point.unit],
    ["管控层级", controlLevelName(point.controlLevel)?.zh ?? ""],
    ["管控单位", point.controllingUnit],
    ["责任人", point.responsiblePerson],
  ];
  const style: TextStyle = { size: 10 * s, lineHeight: 1.45 };
  const labelWidth = 64 * s;
  const valueWidth = width / 2 - labelWidth;
  const padding = 5 * s;
  let y = frame.y;
  doc.lineWidth(0.6 * s);
  for (let row = 0; row < facts.length; row += 2) {
    const pair = facts.slice(row, row + 2);
    const height =
      Math.max(...pair.map(([, value]) => heightOfText(value || "—", valueWidth - 2 * padding, style))) + 2 * padding;
    pair.forEach(([label, value], column) => {
      const x = margin + column * (width / 2);
      doc.rect(x, y, labelWidth, height).fillAndStroke("#f0f0f0", "#8c8c8c");
      doc.rect(x + labelWidth, y, valueWidth, height).stroke("#8c8c8c");
      drawText(doc, label, {
        ...style,
        weight: "bold",
        x: x + padding,
        y: y + padding,
        width: labelWidth - 2 * padding,
      });
      drawText(doc, value || "—", {
        ...style,
        x: x + labelWidth + padding,
        y: y + padding,
        width: valueWidth - 2 * padding,
      });
    });
    y += height;
  }
  return y + 4 * s;
}

/** Emergency phone, date and the QR code to the public card, at the foot of every page. */
function drawFooter(
  doc: PDFKit.PDFDocument,
  point: CardPoint,
  options: NoticeCardOptions,
  level: LevelLabel,
  frame: Frame & { top: number },
): void {
  const { s, margin, width, top } = frame;
  const qrSize = 96 * s;
  doc
    .lineWidth(1.5 * s)
    .moveTo(margin, top)
    .lineTo(margin + width, top)
    .stroke(level.level ? level.hex : "#737373");
  const textWidth = width - qrSize - 16 * s;
  let y = top + 10 * s;
  y += drawText(doc, "应急电话 Emergency phone", { x: margin, y, width: textWidth, size: 10 * s, colour: "#595959" });
  y += drawText(doc, point.emergencyPhone || "—", {
    x: margin,
    y,
    width: textWidth,
    size: 24 * s,
    weight: "bold",
    lineHeight: 1.3,
    colour: "#d9001b",
  });
  y += drawText(doc, "火警 119　急救 120　报警 110", { x: margin, y, width: textWidth, size: 10 * s });
  drawText(doc, `${point.ownerName}　更新于 ${printDate(new Date(point.updatedAt))}　打印于 ${printDate(options.at)}`, {
    x: margin,
    y: y + 4 * s,
    width: textWidth,
    size: 8 * s,
    colour: "#737373",
  });
  const qrX = margin + width - qrSize;
  drawQrCode(doc, options.cardUrl, qrX, top + 6 * s, qrSize);
  drawText(doc, "扫码查看在线告知卡", {
    x: qrX - 10 * s,
    y: top + 6 * s + qrSize,
    width: qrSize + 20 * s,
    size: 8 * s,
    align: "center",
    colour: "#595959",
  });
}

/** The QR code as vector squares, sharp at any print resolution. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  // ISO/IEC 18004 asks for a quiet zone of 4 modules; 2 suffice on a white page and keep the code larger.
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (column - start) * cell, cell);
    }
  }
  doc.fill("#000000");
}
