import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every module under src/server/modules has the same parts (docs/CODE_STYLE.md): a thin routes.ts that only
 * registers routes, a schema.ts, verb-named operations, presenters and jobs, and no file so long that it holds
 * several operations. Nothing imports another module's routes.ts: what others need lives in a verb-named file.
 */
const SERVER = join(import.meta.dirname, "..");
const MODULES = join(SERVER, "modules");
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * What does not have the shape yet, while the modules are moved to it. Each entry goes when its module is reshaped;
 * an entry that no longer fails fails the test, so the list only shrinks.
 */
const NOT_YET_RESHAPED = new Set([
  "audit/schema.ts",
  "organisations/schema.ts",
  "territories/schema.ts",
  "users/schema.ts",
  "users/routes.ts",
]);

const modules = readdirSync(MODULES).filter((name) => statSync(join(MODULES, name)).isDirectory());
const files = sourceFiles(join(SERVER, "..")).filter((f) => !f.includes("/web/"));

function crossImports(): string[] {
  return files
    .filter((file) => relative(SERVER, file) !== "modules/index.ts")
    .flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from\s+["']([^"']*\/routes)["']/g)]
        .map((m) => m[1])
        .filter((target) => target !== "./routes")
        .map((target) => `${relative(SERVER, file)} imports ${target}`),
    );
}

function missingParts(): string[] {
  return modules.flatMap((name) =>
    ["routes.ts", "schema.ts"]
      .filter((part) => !readdirSync(join(MODULES, name)).includes(part))
      .map((part) => `${name}/${part}`),
  );
}

function longFiles(): string[] {
  return sourceFiles(MODULES)
    .filter((file) => !file.endsWith(".test.ts"))
    .filter((file) => readFileSync(file, "utf8").split("\n").length > MAX_LINES)
    .map((file) => relative(MODULES, file));
}

const unlisted = (problems: string[]) => problems.filter((problem) => !NOT_YET_RESHAPED.has(problem));

describe("module shape", () => {
  it("lets no file import another module's routes.ts", () => {
    expect(unlisted(crossImports())).toEqual([]);
  });

  it("gives every module a routes.ts and a schema.ts", () => {
    expect(unlisted(missingParts())).toEqual([]);
  });

  it(`keeps every module file under ${MAX_LINES} lines`, () => {
    expect(unlisted(longFiles())).toEqual([]);
  });

  it("lists as not yet reshaped only what still is", () => {
    const problems = new Set([...crossImports(), ...missingParts(), ...longFiles()]);
    expect([...NOT_YET_RESHAPED].filter((entry) => !problems.has(entry))).toEqual([]);
  });
});
