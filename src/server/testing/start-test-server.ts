import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../start-server";
import { TEST_CONFIG } from "./test-app";

/**
 * A real server on a random port over a fresh embedded database in a temporary
 * directory, seeded with the demo city and serving the built SPA: what the
 * browser tests drive.
 */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "dualguard-e2e-"));
  const server = await startServer({ ...TEST_CONFIG, dataDir, seedDemo: true });
  return {
    url: server.url,
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
