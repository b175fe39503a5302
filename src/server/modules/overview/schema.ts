import { Type } from "typebox";

export const Overview = Type.Object({
  enterprises: Type.Integer(),
  territories: Type.Integer(),
  users: Type.Integer(),
  byIndustrySection: Type.Array(
    Type.Object({
      section: Type.String({ description: "GB/T 4754-2017 section letter" }),
      name: Type.String({ description: "In the caller's language" }),
      count: Type.Integer(),
    }),
  ),
  byStatus: Type.Array(Type.Object({ status: Type.String(), count: Type.Integer() })),
});
