import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { create } from "fontkit";
import { describe, expect, it } from "vitest";
import { woff2ToTtf } from "./woff2-to-ttf";

const packageDir = dirname(createRequire(import.meta.url).resolve("noto-sans-sc/package.json"));

describe("WOFF2 to TrueType", () => {
  it.each(["regular", "bold"])("keeps every outline and advance of Noto Sans SC %s subsets", (weight) => {
    const dir = join(packageDir, `noto_sans_sc_${weight}`);
    const files = readdirSync(dir).filter((file) => file.endsWith(".woff2"));
    const latin = /\/\* latin \*\/[^}]*?url\(([^)]+)\)/.exec(readFileSync(join(dir, "css.css"), "utf8"))![1];
    for (const file of [latin, files[0], files[50]]) {
      const woff2 = readFileSync(join(dir, file));
      const ttf = woff2ToTtf(woff2);
      expect(new DataView(ttf.buffer).getUint32(0)).toBe(0x00010000);
      const original = create(woff2);
      const decoded = create(ttf);
      expect(decoded.numGlyphs).toBe(original.numGlyphs);
      for (let id = 0; id < original.numGlyphs; id++) {
        const before = original.getGlyph(id);
        const after = decoded.getGlyph(id);
        expect(after.path.toSVG()).toBe(before.path.toSVG());
        expect(after.advanceWidth).toBe(before.advanceWidth);
      }
    }
  });

  it("refuses a file that is not WOFF2", () => {
    expect(() => woff2ToTtf(new Uint8Array(64))).toThrow("not a WOFF2 font");
  });
});
