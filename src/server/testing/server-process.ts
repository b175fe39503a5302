import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { freePort } from "./test-broker";

const BIN = join(import.meta.dirname, "../../../bin/dualguard.mjs");

/** A `dualguard serve` process of a test's own, with its output kept for the failure message. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output(): string;
  /** Sends the signal and waits for the process to end. */
  stop(signal: "SIGTERM" | "SIGKILL"): Promise<void>;
}

/**
 * Starts a server and waits until it answers /readyz and has logged `readyLine`
 * (e.g. that it consumes the broker's queue). The process is killed when the
 * test process exits, whatever happens.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { readyLine?: string; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: { ...process.env, LOG_LEVEL: "info", DEMO_SIMULATION: "false", HOST: "127.0.0.1", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok && (!options.readyLine || output.includes(options.readyLine))) {
        return {
          child,
          url,
          port,
          output: () => output,
          async stop(signal) {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise((r) => child.once("exit", r));
            child.kill(signal);
            await exited;
          },
        };
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not become ready:\n${output.slice(-4000)}`);
}

/** Signs a demo account in over HTTP and returns what later requests need. */
export async function signInOver(url: string, username: string, password = "Demo@2026") {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username} failed: ${login.status} ${await login.text()}`);
  const { csrfToken, user } = await login.json();
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  return {
    user: user as { id: string; enterpriseIds: string[] },
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken as string },
  };
}
