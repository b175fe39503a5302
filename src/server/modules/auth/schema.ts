import { Type } from "typebox";
import { Uuid } from "../../http/schemas";

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  territory: Type.Union([
    Type.Object({
      id: Uuid,
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      path: Type.String(),
    }),
    Type.Null(),
  ]),
  industries: Type.Array(Type.String()),
  enterpriseIds: Type.Array(Uuid),
  organisation: Type.Union([Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() }), Type.Null()]),
  permissions: Type.Array(Type.String()),
});

export const SessionResponse = Type.Object({ user: Me, csrfToken: Type.Union([Type.String(), Type.Null()]) });

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 8, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const PasswordChanged = Type.Object({
  sessionsEnded: Type.Integer({ description: "other sessions of the user that were ended" }),
  tokensRevoked: Type.Integer({ description: "API tokens of the user that were revoked" }),
});

export const SignInOptions = Type.Object({
  demoAccounts: Type.Boolean({
    description: "the embedded demo: the demo accounts and their published password may be shown on the sign-in page",
  }),
});
