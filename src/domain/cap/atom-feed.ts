// Serving several CAP alerts at once. CAP 1.2 has no collection element: a CAP document is exactly one `alert`, and
// wrapping several in an invented `<alerts>` element would be neither CAP nor anything a CAP reader understands.
// The common practice of alerting authorities (national weather services, and the feeds aggregators such as
// Google Public Alerts and the WMO register of alerting authorities ingest) is an Atom (RFC 4287) or RSS feed whose
// entries point to the individual CAP messages. DualGuard serves an Atom feed in which each entry both links to its
// CAP message (`link rel="alternate" type="application/cap+xml"`, when the caller has a URL for it) and carries it
// inline as `content type="application/cap+xml"`: RFC 4287 §4.1.3.3 puts content of an XML media type in the entry
// as a single child element, so a reader gets every alert in one request and each alert stays a valid CAP document.
// Each CAP message is also served alone at its own URL; that is the form to hand to a validator or a CAP gateway.
//
// Suggested contents: one entry per alarm with its latest CAP message (the Alert, or the newest Update), plus the
// all-clear Update of alarms cleared within a retention window, so a reader polling the feed sees them end.

import { CAP_MEDIA_TYPE, xmlEscape } from "./cap-alert";

export const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";

export type AtomCapEntry = {
  /** A permanent IRI for the entry, e.g. "urn:dualguard:cap:<sender>:<identifier>". */
  id: string;
  title: string;
  updated: Date;
  /** A CAP document from buildCapAlert; its XML declaration is dropped when embedded. */
  capXml: string;
  summary?: string;
  /** Where the CAP message is served alone. */
  href?: string;
};

export type AtomCapFeed = {
  id: string;
  title: string;
  updated: Date;
  /** RFC 4287 §4.1.1: a feed has an author unless every entry has one; the alerting organisation. */
  authorName: string;
  /** The feed's own URL. */
  selfHref?: string;
  entries: readonly AtomCapEntry[];
};

/** RFC 3339 in UTC, whole seconds. */
export function atomDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const XML_DECLARATION = /^\uFEFF?<\?xml[^>]*\?>\s*/;

/** The CAP document without its declaration, checked to be a CAP alert element. */
function embeddable(capXml: string, entryId: string): string {
  const body = capXml.replace(XML_DECLARATION, "").trim();
  if (!/^<alert\s+xmlns="urn:oasis:names:tc:emergency:cap:1\.2"[\s>]/.test(body) || !body.endsWith("</alert>")) {
    throw new Error(`Atom entry ${entryId}: capXml is not a CAP 1.2 alert document`);
  }
  return body;
}

/** The Atom feed document, each entry carrying its CAP alert inline (and linking to it when `href` is given). */
export function buildAtomFeed(feed: AtomCapFeed): string {
  const text = (name: string, value: string) => `<${name}>${xmlEscape(value)}</${name}>`;
  const link = (rel: string, type: string, href: string) =>
    `<link rel="${rel}" type="${type}" href="${xmlEscape(href)}"/>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="${ATOM_NAMESPACE}">`,
    `  ${text("id", feed.id)}`,
    `  ${text("title", feed.title)}`,
    `  ${text("updated", atomDateTime(feed.updated))}`,
    `  <author>${text("name", feed.authorName)}</author>`,
    ...(feed.selfHref ? [`  ${link("self", "application/atom+xml", feed.selfHref)}`] : []),
  ];
  for (const entry of feed.entries) {
    lines.push(
      "  <entry>",
      `    ${text("id", entry.id)}`,
      `    ${text("title", entry.title)}`,
      `    ${text("updated", atomDateTime(entry.updated))}`,
      ...(entry.summary ? [`    ${text("summary", entry.summary)}`] : []),
      ...(entry.href ? [`    ${link("alternate", CAP_MEDIA_TYPE, entry.href)}`] : []),
      // Not re-indented: indenting would add spaces inside any multi-line text of the alert.
      `    <content type="${CAP_MEDIA_TYPE}">`,
      embeddable(entry.capXml, entry.id),
      "    </content>",
      "  </entry>",
    );
  }
  lines.push("</feed>");
  return `${lines.join("\n")}\n`;
}
