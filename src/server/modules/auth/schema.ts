import { Type } from "typebox";

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  territory: Type.Union([
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      path: Type.String(),
    }),
    Type.Null(),
  ]),
  industries: Type.Array(Type.String()),
  enterpriseIds: Type.Array(Type.String()),
  organisation: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }), Type.Null()]),
  permissions: Type.Array(Type.String()),
});

export const SessionResponse = Type.Object({ user: Me, csrfToken: Type.Union([Type.String(), Type.Null()]) });
