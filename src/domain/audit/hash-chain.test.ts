import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type AuditEntryContent,
  canonicalJson,
  chainInput,
  checkLink,
  GENESIS_HASH,
  type StoredAuditEntry,
} from "./hash-chain";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function entry(seq: number, overrides: Partial<AuditEntryContent> = {}): AuditEntryContent {
  return {
    seq,
    at: `2026-01-01T00:00:0${seq}.000Z`,
    actorId: null,
    actorName: "admin",
    actorIp: "127.0.0.1",
    action: "update",
    entityType: "enterprise",
    entityId: `e${seq}`,
    enterpriseId: null,
    territoryPath: "/990100/",
    before: { name: "old" },
    after: { name: "new" },
    ...overrides,
  };
}

function chain(count: number): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content = entry(seq);
    const hash = sha256(chainInput(prev, content));
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("gives the same canonical text whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });

  it("accepts an intact chain", () => {
    const entries = chain(3);
    expect(entries.map((e, i) => checkLink(entries[i - 1] ?? null, e, sha256))).toEqual([null, null, null]);
  });

  it("names an entry whose content was edited", () => {
    const entries = chain(3);
    entries[1] = { ...entries[1], after: { name: "forged" } };
    expect(checkLink(entries[0], entries[1], sha256)).toEqual({ seq: 2, kind: "altered" });
  });

  it("names the entry after a deleted one", () => {
    const entries = chain(3);
    expect(checkLink(entries[0], entries[2], sha256)).toEqual({ seq: 3, kind: "out_of_order", expectedSeq: 2 });
  });

  it("names an entry whose link to the previous hash was rewritten", () => {
    const entries = chain(2);
    const forged = { ...entries[1], prevHash: "f".repeat(64) };
    expect(checkLink(entries[0], forged, sha256)).toEqual({ seq: 2, kind: "broken_link" });
  });

  it("names an entry dated before its predecessor", () => {
    const entries = chain(2);
    const content = entry(2, { at: "2025-01-01T00:00:00.000Z" });
    const hash = sha256(chainInput(entries[0].hash, content));
    expect(checkLink(entries[0], { ...content, prevHash: entries[0].hash, hash }, sha256)).toEqual({
      seq: 2,
      kind: "time_reversed",
    });
  });
});
