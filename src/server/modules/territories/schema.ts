import { Type } from "typebox";
import { Items, NullableString, Uuid } from "../../http/schemas";

export const TerritoryNode = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.String(),
  parentId: NullableString({ format: "uuid" }),
  path: Type.String(),
  enterpriseCount: Type.Number({ description: "Enterprises in the caller's scope placed here or below" }),
});

export const TerritoryList = Items(TerritoryNode);

const Bbox = Type.Object({
  minLng: Type.Number(),
  minLat: Type.Number(),
  maxLng: Type.Number(),
  maxLat: Type.Number(),
});

export const TerritoryDetail = Type.Object({
  ...TerritoryNode.properties,
  boundary: Type.Union([Type.Unknown(), Type.Null()], { description: "GeoJSON geometry of the boundary" }),
  bbox: Type.Union([Bbox, Type.Null()]),
});
