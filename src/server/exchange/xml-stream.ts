import { malformedFile } from "./table-limits";

/** What the scanner reports: element names without their namespace prefix. */
export interface XmlHandler {
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw character data, entities not yet decoded; may arrive in pieces. */
  text(raw: string): void;
}

const tooLong = (max: number) =>
  malformedFile(`XML 标记超过 ${max} 个字符`, `an XML tag or text longer than ${max} characters`);

/**
 * A small streaming scanner for the XML of spreadsheet parts. It keeps at
 * most one unfinished tag between chunks, so memory does not grow with the
 * file, and it refuses DOCTYPE declarations (no entity expansion, ever).
 */
export class XmlStream {
  private carry = "";

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxTagChars: number,
  ) {}

  push(chunk: string): void {
    const input = this.carry + chunk;
    this.carry = "";
    let at = 0;
    while (at < input.length) {
      const lt = input.indexOf("<", at);
      if (lt < 0) {
        this.handler.text(input.slice(at));
        return;
      }
      if (lt > at) this.handler.text(input.slice(at, lt));
      const end = this.tagEnd(input, lt);
      if (end < 0) {
        this.carry = input.slice(lt);
        if (this.carry.length > this.maxTagChars) throw tooLong(this.maxTagChars);
        return;
      }
      at = end;
    }
  }

  end(): void {
    if (this.carry) throw malformedFile("XML 在标记中间结束", "the XML ends inside a tag");
  }

  /** Handles the construct starting at `lt`; returns where the next one starts, or -1 if it is unfinished. */
  private tagEnd(input: string, lt: number): number {
    if (input.startsWith("<!--", lt)) {
      const close = input.indexOf("-->", lt + 4);
      return close < 0 ? -1 : close + 3;
    }
    if (input.startsWith("<![CDATA[", lt)) {
      const close = input.indexOf("]]>", lt + 9);
      if (close < 0) return -1;
      // Escaped so that the consumer's entity decoding gives the literal text back.
      this.handler.text(
        input
          .slice(lt + 9, close)
          .replaceAll("&", "&amp;")
          .replaceAll("<", "&lt;"),
      );
      return close + 3;
    }
    if (input.startsWith("<?", lt)) {
      const close = input.indexOf("?>", lt + 2);
      return close < 0 ? -1 : close + 2;
    }
    if (input.startsWith("<!", lt)) {
      if (input.length - lt < 9) return -1;
      throw malformedFile("XML 含有 DOCTYPE 声明", "the XML contains a DOCTYPE declaration");
    }
    // The tag ends at the first '>' outside a quoted attribute value.
    let quote = 0;
    for (let i = lt + 1; i < input.length; i++) {
      const ch = input.charCodeAt(i);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 62) {
        this.tag(input.slice(lt + 1, i));
        return i + 1;
      }
    }
    return -1;
  }

  private tag(tag: string): void {
    if (tag.startsWith("/")) {
      this.handler.close(localName(tag.slice(1).trim()));
      return;
    }
    const selfClosing = tag.endsWith("/");
    const nameEnd = tag.search(/[\s/]|$/);
    const name = localName(tag.slice(0, nameEnd));
    this.handler.open(name, tag, selfClosing);
    if (selfClosing) this.handler.close(name);
  }
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

/** One attribute of a tag's raw text, decoded; a namespace prefix is ignored (`r:id` is `id`). */
export function attribute(tag: string, name: string): string | undefined {
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (!pattern) {
    pattern = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTE_PATTERNS.set(name, pattern);
  }
  const match = pattern.exec(tag);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? "");
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The five predefined XML entities and numeric character references. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g, (whole, dec, hex, named) => {
    if (named) return NAMED[named];
    const code = dec ? Number(dec) : Number.parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
