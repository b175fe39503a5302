import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { create, type Font } from "fontkit";
import { woff2ToTtf } from "./woff2-to-ttf";

/**
 * Chinese (and Latin) text in pdfkit documents without any system font: Noto
 * Sans SC from the noto-sans-sc package, which ships it as ~100 unicode-range
 * subset WOFF2 files per weight. A string is split into runs, each in the first
 * subset that has all its glyphs; lines are broken here (between CJK
 * characters, never inside a Latin word or before closing punctuation) so that
 * a table can measure a cell before drawing it.
 */

export type FontWeight = "regular" | "bold";

interface Subset {
  /** The name the subset is registered under in each document. */
  key: string;
  file: string;
  font?: Font;
}

interface SubsetFamily {
  subsets: Subset[];
  /** Code point → index of the subset whose unicode-range names it (css.css). */
  byRange: Map<number, number>;
  /** Code points found outside their range, or in no subset (-1). */
  byScan: Map<number, number>;
}

const families = new Map<FontWeight, SubsetFamily>();

/** Reads a weight's css.css: which file covers which code points. Fonts are read only when a character needs them. */
function familyOf(weight: FontWeight): SubsetFamily {
  const known = families.get(weight);
  if (known) return known;
  const packageDir = dirname(createRequire(import.meta.url).resolve("noto-sans-sc/package.json"));
  const dir = join(packageDir, `noto_sans_sc_${weight}`);
  const css = readFileSync(join(dir, "css.css"), "utf8");
  const family: SubsetFamily = { subsets: [], byRange: new Map(), byScan: new Map() };
  for (const [, file, ranges] of css.matchAll(/src:\s*url\(([^)]+)\)[^}]*?unicode-range:\s*([^;]+);/g)) {
    const index = family.subsets.length;
    family.subsets.push({ key: `noto-sans-sc-${weight}-${index}`, file: join(dir, file) });
    for (const range of ranges.split(",")) {
      const [from, to = from] = range
        .trim()
        .replace(/^U\+/i, "")
        .split("-")
        .map((hex) => Number.parseInt(hex, 16));
      for (let codePoint = from; codePoint <= to; codePoint++) {
        if (!family.byRange.has(codePoint)) family.byRange.set(codePoint, index);
      }
    }
  }
  if (family.subsets.length === 0) throw new Error(`no font subsets found in ${dir}/css.css`);
  families.set(weight, family);
  return family;
}

/** A subset's font, read once per process; decoded to TrueType because pdfkit embeds WOFF2 glyphs wrongly. */
function fontOf(subset: Subset): Font {
  subset.font ??= create(woff2ToTtf(readFileSync(subset.file)));
  return subset.font;
}

/** The subset that draws a code point: the one its unicode-range names, else the first that has it; -1 if none. */
function subsetIndexFor(family: SubsetFamily, codePoint: number): number {
  const byRange = family.byRange.get(codePoint);
  if (byRange !== undefined && fontOf(family.subsets[byRange]).hasGlyphForCodePoint(codePoint)) return byRange;
  let index = family.byScan.get(codePoint);
  if (index === undefined) {
    index = family.subsets.findIndex((subset) => fontOf(subset).hasGlyphForCodePoint(codePoint));
    family.byScan.set(codePoint, index);
  }
  return index;
}

/** Parses both weights' subset maps now rather than on the first text drawn (font files still load as needed). */
export function loadCjkFonts(): void {
  familyOf("regular");
  familyOf("bold");
}

export interface TextRun {
  text: string;
  subset: Subset;
}

/** Splits text into runs, each drawable in one subset font; a character no subset has stays in the run before it. */
export function textRuns(text: string, weight: FontWeight = "regular"): TextRun[] {
  const family = familyOf(weight);
  const runs: TextRun[] = [];
  let run: TextRun | undefined;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (run && fontOf(run.subset).hasGlyphForCodePoint(codePoint)) {
      run.text += character;
      continue;
    }
    const index = subsetIndexFor(family, codePoint);
    if (index < 0 && run) {
      run.text += character;
      continue;
    }
    run = { text: character, subset: family.subsets[Math.max(index, 0)] };
    runs.push(run);
  }
  return runs;
}

const widthCache = new Map<string, number>();

/** Width of a single line of text at a font size, in points. */
export function measureText(text: string, size: number, weight: FontWeight = "regular"): number {
  const cacheKey = `${weight}\u0000${text}`;
  let width = widthCache.get(cacheKey);
  if (width === undefined) {
    width = 0;
    for (const run of textRuns(text, weight)) {
      const font = fontOf(run.subset);
      width += font.layout(run.text).advanceWidth / font.unitsPerEm;
    }
    // Words and characters repeat; a bound keeps a long-running server's cache small.
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(cacheKey, width);
  }
  return width * size;
}

// Han, kana, hangul, CJK punctuation and full-width forms: a line may break before or after any of them.
const WIDE =
  /[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]/u;
// A line never starts with these (closing punctuation, spaces) …
const NO_BREAK_BEFORE = /[\s,.;:!?%)\]}，。、；：！？）】》〉」』”’…·～]/u;
// … nor ends with these (opening punctuation).
const NO_BREAK_AFTER = /[([{（【《〈「『“‘]/u;

/** Cuts a paragraph into pieces a line may not break inside. */
function unbreakablePieces(paragraph: string): string[] {
  const pieces: string[] = [];
  let piece = "";
  let previous = "";
  for (const character of paragraph) {
    const mayBreak =
      piece !== "" &&
      !NO_BREAK_BEFORE.test(character) &&
      !NO_BREAK_AFTER.test(previous) &&
      (WIDE.test(character) || WIDE.test(previous) || /\s/.test(previous));
    if (mayBreak) {
      pieces.push(piece);
      piece = "";
    }
    piece += character;
    previous = character;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Breaks text into lines no wider than `width`; newlines in the text are kept. */
export function wrapText(text: string, width: number, size: number, weight: FontWeight = "regular"): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r/g, "").replace(/\t/g, " ").split("\n")) {
    let line = "";
    const pending = unbreakablePieces(paragraph);
    for (let i = 0; i < pending.length; i++) {
      const piece = line ? pending[i] : pending[i].trimStart();
      if (!piece) continue;
      if (measureText(line + piece.trimEnd(), size, weight) <= width) {
        line += piece;
      } else if (line) {
        lines.push(line.trimEnd());
        line = "";
        i--;
      } else {
        // A piece wider than the whole line (a long number or URL) is cut by character.
        const characters = [...piece];
        let fit = 1;
        while (fit < characters.length && measureText(characters.slice(0, fit + 1).join(""), size, weight) <= width) {
          fit++;
        }
        lines.push(characters.slice(0, fit).join(""));
        if (fit < characters.length) pending.splice(i + 1, 0, characters.slice(fit).join(""));
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export interface TextStyle {
  size: number;
  weight?: FontWeight;
  /** Distance between baselines as a multiple of the size. */
  lineHeight?: number;
}

export interface TextBox extends TextStyle {
  x: number;
  y: number;
  width: number;
  colour?: string;
  align?: "left" | "center" | "right";
}

const DEFAULT_LINE_HEIGHT = 1.45;

/** Height the text takes when wrapped to `width`. */
export function heightOfText(text: string, width: number, style: TextStyle): number {
  const lines = wrapText(text, width, style.size, style.weight);
  return lines.length * style.size * (style.lineHeight ?? DEFAULT_LINE_HEIGHT);
}

/** Draws text wrapped into a box whose top-left corner is (x, y); returns the height used. */
export function drawText(doc: PDFKit.PDFDocument, text: string, box: TextBox): number {
  const weight = box.weight ?? "regular";
  const lineHeight = box.size * (box.lineHeight ?? DEFAULT_LINE_HEIGHT);
  // pdfkit puts the baseline 1.16 em (Noto's ascent) below y and a Han character's box spans 0.88 em above it
  // to 0.12 em below, so its ink starts 0.28 em down: this centres that 1 em box in the line.
  const inkOffset = (lineHeight - box.size) / 2 - 0.28 * box.size;
  const lines = wrapText(text, box.width, box.size, weight);
  doc.fillColor(box.colour ?? "#1a1a1a");
  lines.forEach((line, index) => {
    const lineWidth = measureText(line, box.size, weight);
    let x = box.x;
    if (box.align === "center") x += (box.width - lineWidth) / 2;
    if (box.align === "right") x += box.width - lineWidth;
    const y = box.y + index * lineHeight + inkOffset;
    for (const run of textRuns(line, weight)) {
      // pdfkit accepts a parsed fontkit font as well as font bytes; the subset is parsed once per process.
      doc.registerFont(run.subset.key, fontOf(run.subset) as unknown as Uint8Array);
      doc.font(run.subset.key).fontSize(box.size).text(run.text, x, y, { lineBreak: false });
      x += measureText(run.text, box.size, weight);
    }
  });
  return lines.length * lineHeight;
}
