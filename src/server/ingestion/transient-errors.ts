// SQLSTATE classes that pass: connection exceptions (08), insufficient resources (53), operator intervention such as
// a shutting-down or starting server (57), the concurrency failures a retry resolves (40001, 40P01, 55P03), and the
// refusals of a new connection (28: authentication, 3D000: no such database) that an operator must mend first.
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-4]|28)/;
const TRANSIENT_CODES = new Set(["40001", "40P01", "55P03", "3D000"]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Whether a failure to store says "the database is not there right now" (leave the message unacknowledged and try
 * again later) rather than "this message cannot be stored" (record it as a dead letter and acknowledge it).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_CODES.has(code) || NETWORK_CODES.has(code)) return true;
  }
  // node-postgres reports a lost connection without a code, a database closed to connections with the generic 55000;
  // a closed PGlite says it is closed.
  return /not currently accepting connections|Connection terminated|connection (?:is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect|PGlite is closed/i.test(
    error.message,
  );
}
