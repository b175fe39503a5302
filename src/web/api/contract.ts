import type { paths } from "./openapi";

// What the server answers and accepts, read from the types generated from its OpenAPI document
// (`npm run api:types`). Pages name the answer they read, e.g. `Answer<"/api/v1/enterprises/{id}">`,
// instead of retyping it, so a server change that breaks a page fails the typecheck.

export type ApiPath = keyof paths;
type Operation<P extends ApiPath, M> = M extends keyof paths[P] ? paths[P][M] : never;

/** The success answer (200, else 201) of a path and method. */
export type Answer<P extends ApiPath, M extends keyof paths[P] = "get" & keyof paths[P]> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer A }
      ? A
      : R extends { 201: infer A }
        ? A
        : never
    : never;

/** The JSON body a path and method accept. */
export type RequestBody<P extends ApiPath, M extends keyof paths[P]> =
  Operation<P, M> extends { body: infer B } ? B : never;

/** The query parameters a path and method accept. */
export type QueryOf<P extends ApiPath, M extends keyof paths[P] = "get" & keyof paths[P]> =
  Operation<P, M> extends { query: infer Q } ? Q : never;

/** One element of a list answer (`{ items: [...] }`). */
export type ItemOf<P extends ApiPath, M extends keyof paths[P] = "get" & keyof paths[P]> =
  Answer<P, M> extends { items: (infer I)[] } ? I : never;
