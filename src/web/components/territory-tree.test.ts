import { describe, expect, it } from "vitest";
import type { TerritoryNode } from "../api/types";
import { ancestorIds, buildTerritoryTree, territoryTrail } from "./territory-tree";

const node = (id: string, parentId: string | null, code: string): TerritoryNode => ({
  id,
  code,
  name: id,
  nameEn: id,
  level: "town",
  parentId,
  path: `/${id}/`,
  enterpriseCount: 0,
});

describe("buildTerritoryTree", () => {
  it("nests towns under their district and orders siblings by division code", () => {
    const tree = buildTerritoryTree([
      node("city", null, "990100"),
      node("b", "city", "990102"),
      node("a", "city", "990101"),
      node("a1", "a", "990101001"),
    ]);
    expect(tree.map((n) => n.id)).toEqual(["city"]);
    expect(tree[0].children.map((n) => n.id)).toEqual(["a", "b"]);
    expect(tree[0].children[0].children.map((n) => n.id)).toEqual(["a1"]);
  });

  it("makes a district supervisor's own district the root when its parent is outside the list", () => {
    const tree = buildTerritoryTree([node("a", "city", "990101"), node("a1", "a", "990101001")]);
    expect(tree.map((n) => n.id)).toEqual(["a"]);
  });
});

describe("ancestorIds", () => {
  it("lists the path from the root down to the parent", () => {
    const nodes = [node("city", null, "1"), node("a", "city", "2"), node("a1", "a", "3")];
    expect(ancestorIds(nodes, "a1")).toEqual(["city", "a"]);
    expect(ancestorIds(nodes, "city")).toEqual([]);
  });
});

describe("territoryTrail", () => {
  const nodes = [node("city", null, "1"), node("a", "city", "2"), node("a1", "a", "3"), node("g1", "a1", "4")];

  it("names a grid by its district and town, leaving out the user's own top node", () => {
    expect(territoryTrail(nodes, "g1", (n) => n.name)).toEqual(["a", "a1", "g1"]);
  });

  it("names the top node itself when it is the one asked for", () => {
    expect(territoryTrail(nodes, "city", (n) => n.name)).toEqual(["city"]);
  });

  it("gives nothing for a node outside the list", () => {
    expect(territoryTrail(nodes, "elsewhere", (n) => n.name)).toEqual([]);
  });
});
