#!/usr/bin/env node
// The browser tests drive Debian's chromium (never a downloaded one) and the broker tests start RabbitMQ nodes of
// their own. On a fresh Debian machine where we are root, install them and a CJK font; otherwise say how.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

function hasCjkFont() {
  try {
    return /noto sans cjk|wenquanyi|droid sans fallback/i.test(execFileSync("fc-list", { encoding: "utf8" }));
  } catch {
    return false;
  }
}

const missing = [];
if (!existsSync(CHROMIUM)) missing.push("chromium");
if (!hasCjkFont()) missing.push("fonts-noto-cjk");
// pdftotext and pdftoppm read back the PDFs the tests produce.
if (!existsSync("/usr/bin/pdftotext")) missing.push("poppler-utils");
if (!existsSync("/usr/lib/rabbitmq/bin/rabbitmq-server")) missing.push("rabbitmq-server");
if (missing.length === 0) process.exit(0);

const isRoot = process.getuid?.() === 0;
if (isRoot && existsSync("/usr/bin/apt-get")) {
  console.log(`Installing ${missing.join(" and ")} from Debian for the browser and broker tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "inherit", env });
  process.exit(0);
}
if (missing.includes("rabbitmq-server")) {
  console.error("The broker tests need RabbitMQ: sudo apt-get install rabbitmq-server");
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(
    `The browser tests need Debian's chromium at ${CHROMIUM}: sudo apt-get install chromium fonts-noto-cjk`,
  );
  process.exit(1);
}
console.warn("No CJK font found: Chinese will show as boxes in screenshots (sudo apt-get install fonts-noto-cjk).");
