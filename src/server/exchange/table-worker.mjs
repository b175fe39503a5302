// The worker thread that reads an uploaded table: registers tsx (the server
// runs TypeScript without a build step, in tests too) and loads the reader.
import { register } from "tsx/esm/api";

register();
await import("./table-worker.ts");
