/**
 * The audit trail's hash chain, as pure functions: each entry's hash is
 * SHA-256 over the previous hash and a canonical text of the entry, so editing,
 * deleting or reordering any entry breaks every hash after it.
 */

export interface AuditEntryContent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  actorIp: string;
  action: string;
  entityType: string;
  entityId: string;
  enterpriseId: string | null;
  territoryPath: string | null;
  before: unknown;
  after: unknown;
}

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The text that is hashed: the previous hash, then the canonical entry. */
export function chainInput(previousHash: string, entry: AuditEntryContent): string {
  return `${previousHash}\n${canonicalJson(entry)}`;
}

export type ChainProblem =
  | { seq: number; kind: "altered" }
  | { seq: number; kind: "broken_link" }
  | { seq: number; kind: "out_of_order"; expectedSeq: number }
  | { seq: number; kind: "time_reversed" }
  | { seq: number; kind: "truncated"; headSeq: number };

export interface StoredAuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

/**
 * Checks one entry against its predecessor. `sha256` is passed in so the rule
 * stays free of IO and platform modules.
 */
export function checkLink(
  previous: StoredAuditEntry | null,
  entry: StoredAuditEntry,
  sha256: (text: string) => string,
): ChainProblem | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (entry.seq !== expectedSeq) return { seq: entry.seq, kind: "out_of_order", expectedSeq };
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) return { seq: entry.seq, kind: "broken_link" };
  if (previous && entry.at < previous.at) return { seq: entry.seq, kind: "time_reversed" };
  const { prevHash: _p, hash: _h, ...content } = entry;
  if (sha256(chainInput(entry.prevHash, content)) !== entry.hash) return { seq: entry.seq, kind: "altered" };
  return null;
}
