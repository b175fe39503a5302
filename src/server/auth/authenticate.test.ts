import Fastify, { type RouteOptions } from "fastify";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { guardRoute } from "./authenticate";

const route = (config: RouteOptions["config"]): RouteOptions => ({
  method: "GET",
  url: "/api/v1/anything",
  config,
  handler: async () => ({ ran: true }),
});

describe("the route guard", () => {
  it("refuses to register a route that declares neither a permission nor public, so the server cannot start with it", async () => {
    const app = Fastify({ logger: false });
    app.addHook("onRoute", (options) => guardRoute(options, false));
    expect(() => app.get("/api/v1/forgotten", async () => ({ open: true }))).toThrow(
      /GET \/api\/v1\/forgotten declares neither a permission nor public/,
    );
    await app.close();
  });

  it("gives a non-public route a handler that refuses to run without a signed-in caller, whatever ran before it", async () => {
    const options = route({ permission: "audit:verify" });
    guardRoute(options, false);
    const request = { principal: null } as never;
    expect(() => options.handler.call(undefined as never, request, {} as never)).toThrow(AppError);
    expect(options.onRequest).toHaveLength(1);
  });

  it("makes every route of a public context public, but keeps a declared permission", () => {
    const plain = route(undefined);
    guardRoute(plain, true);
    expect(plain.config).toMatchObject({ public: true });
    const declared = route({ permission: "audit:read" });
    guardRoute(declared, true);
    expect(declared.config).toMatchObject({ public: false, permission: "audit:read" });
  });
});
