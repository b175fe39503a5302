#!/usr/bin/env node
// Writes the web app's API types from the server's OpenAPI document: npm run api:types
import { writeFileSync } from "node:fs";
import { register } from "tsx/esm/api";

register();
const { API_TYPES_FILE, generateApiTypes } = await import("../src/server/http/generate-api-types.ts");
writeFileSync(API_TYPES_FILE, await generateApiTypes());
console.log(`wrote ${API_TYPES_FILE.pathname}`);
