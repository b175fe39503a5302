import type { Job } from "../jobs/job-runner";
import { forgetOldLoginFailures } from "./login-throttle";
import { deleteExpiredSessions } from "./revoke-credentials";

/** Hourly: expired sessions and forgotten sign-in failures leave the database. */
export function signInRecordsJob(): Job {
  return {
    name: "sign-in-records",
    everySeconds: 3600,
    run: async ({ db, clock }) => {
      await deleteExpiredSessions(db, clock.now());
      await forgetOldLoginFailures(db, clock.now());
    },
  };
}
