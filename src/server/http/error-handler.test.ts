import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { localeFrom } from "../errors";
import { errorHandler } from "./error-handler";

describe("error handler", () => {
  it("hides the internals of a 5xx and says so in the caller's language", async () => {
    const app = Fastify({ logger: false });
    app.addHook("onRequest", async (request) => {
      (request as unknown as { locale: string }).locale = localeFrom(request.headers["accept-language"]);
    });
    app.setErrorHandler(errorHandler);
    app.get("/boom", async () => {
      throw new Error("connection string postgres://secret@db/prod refused");
    });
    const zh = await app.inject({ url: "/boom" });
    expect(zh.statusCode).toBe(500);
    expect(zh.body).not.toContain("secret");
    expect(zh.json().error).toMatchObject({ code: "INTERNAL", message: expect.stringContaining("服务器内部错误") });
    const en = await app.inject({ url: "/boom", headers: { "accept-language": "en" } });
    expect(en.json().error.message).toContain("Internal server error");
  });

  it("names every failed field of a validation error", async () => {
    const app = Fastify({ logger: false, ajv: { customOptions: { allErrors: true } } });
    app.addHook("onRequest", async (request) => {
      (request as unknown as { locale: string }).locale = "en";
    });
    app.setErrorHandler(errorHandler);
    app.post(
      "/thing",
      {
        schema: {
          body: {
            type: "object",
            required: ["name", "scale"],
            properties: { name: { type: "string", minLength: 2 }, scale: { enum: ["large", "small"] } },
          },
        },
      },
      async () => ({}),
    );
    const response = await app.inject({ method: "POST", url: "/thing", payload: { name: "x", scale: "huge" } });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details.map((d: { field: string }) => d.field)).toEqual(["name", "scale"]);
    expect(error.details[1].message).toBe("scale must be one of: large, small");
  });
});
