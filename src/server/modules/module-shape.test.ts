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

const modules = readdirSync(MODULES).filter((name) => statSync(join(MODULES, name)).isDirectory());
const files = sourceFiles(join(SERVER, "..")).filter((f) => !f.includes("/web/"));

describe("module shape", () => {
  it("lets no file import another module's routes.ts", () => {
    const offenders = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return [...source.matchAll(/from\s+["']([^"']*\/routes)["']/g)]
        .map((m) => m[1])
        .filter((target) => !(target === "./routes"))
        .map((target) => `${relative(SERVER, file)} imports ${target}`);
    });
    expect(offenders).toEqual([]);
  });

  it("gives every module a routes.ts and a schema.ts", () => {
    const missing = modules.flatMap((name) =>
      ["routes.ts", "schema.ts"]
        .filter((part) => !readdirSync(join(MODULES, name)).includes(part))
        .map((part) => `${name}/${part}`),
    );
    expect(missing).toEqual([]);
  });

  it(`keeps every module file under ${MAX_LINES} lines`, () => {
    const long = sourceFiles(MODULES)
      .filter((file) => !file.endsWith(".test.ts"))
      .map((file) => ({ file: relative(MODULES, file), lines: readFileSync(file, "utf8").split("\n").length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file} (${lines})`);
    expect(long).toEqual([]);
  });
});
