import type { Job } from "../../jobs/job-runner";
import { recomputeDirtyRatings, recomputeRatings } from "./compute-ratings";

/** Re-rates enterprises whose inputs changed (marked by database triggers), every few seconds. */
export function incrementalRatingJob(): Job {
  return {
    name: "ratings-incremental",
    everySeconds: 5,
    run: ({ db, clock, log }) => recomputeDirtyRatings(db, clock.now(), log),
  };
}

/** The full nightly recompute (time passing changes ratings too: deadlines run out, alarms age). */
export function nightlyRatingJob(): Job {
  return {
    name: "ratings-nightly",
    everySeconds: 86_400,
    run: ({ db, clock, log }) => recomputeRatings(db, null, clock.now(), log),
  };
}
