import { describe, expect, it } from "vitest";
import { atomDateTime, buildAtomFeed } from "./atom-feed";
import { buildCapAlert } from "./cap-alert";

const UPDATED = new Date("2026-11-29T00:00:00.123Z");

const capXml = buildCapAlert({
  identifier: "a.1",
  sender: "s.cn",
  sent: UPDATED,
  status: "Actual",
  msgType: "Alert",
  info: [
    {
      category: "Safety",
      event: "Combustible gas high alarm",
      urgency: "Immediate",
      severity: "Severe",
      certainty: "Observed",
      description: "line one\nline two",
    },
  ],
});

const feed = (entries = [{ id: "urn:x:1", title: "High <alarm>", updated: UPDATED, capXml }]) =>
  buildAtomFeed({ id: "urn:x:feed", title: "Alarms", updated: UPDATED, authorName: "DualGuard", entries });

describe("buildAtomFeed", () => {
  it("writes an Atom feed with id, title, updated and author", () => {
    const xml = feed();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain("<id>urn:x:feed</id>");
    expect(xml).toContain("<updated>2026-11-29T00:00:00Z</updated>");
    expect(xml).toContain("<author><name>DualGuard</name></author>");
  });

  it("carries each CAP alert inline as application/cap+xml content, without its XML declaration", () => {
    const xml = feed();
    expect(xml).toContain('<content type="application/cap+xml">\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(xml.match(/<\?xml/g)).toHaveLength(1);
  });

  it("does not indent the alert, so multi-line text keeps its exact content", () => {
    expect(feed()).toContain("<description>line one\nline two</description>");
  });

  it("links to the alert served alone when its URL is given, and escapes text and URLs", () => {
    const xml = buildAtomFeed({
      id: "urn:x:feed",
      title: "A & B",
      updated: UPDATED,
      authorName: "DualGuard",
      selfHref: "https://x.cn/feed?a=1&b=2",
      entries: [{ id: "urn:x:1", title: "<t>", updated: UPDATED, capXml, href: "https://x.cn/a.1.xml" }],
    });
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://x.cn/feed?a=1&amp;b=2"/>');
    expect(xml).toContain('<link rel="alternate" type="application/cap+xml" href="https://x.cn/a.1.xml"/>');
    expect(xml).toContain("<title>A &amp; B</title>");
    expect(xml).toContain("<title>&lt;t&gt;</title>");
  });

  it("writes an empty feed when there are no alarms", () => {
    expect(feed([])).not.toContain("<entry>");
  });

  it("refuses content that is not a CAP alert", () => {
    expect(() => feed([{ id: "urn:x:1", title: "t", updated: UPDATED, capXml: "<alerts></alerts>" }])).toThrow(
      /not a CAP 1.2 alert/,
    );
  });

  it("writes Atom times in UTC with whole seconds", () => {
    expect(atomDateTime(UPDATED)).toBe("2026-11-29T00:00:00Z");
  });
});
