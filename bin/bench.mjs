#!/usr/bin/env node
// Runs one benchmark from bench/: npm run bench -- <name>
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..", "bench");
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""));
const name = process.argv[2];
if (!name || !existsSync(join(benchDir, `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(", ")}`);
  process.exit(2);
}
const { run } = await import(join(benchDir, `${name}.ts`));
await run(process.argv.slice(3));
