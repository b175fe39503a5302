import type { Job } from "../../jobs/job-runner";
import { rebuildClusterCells } from "./cluster-cells";

/** Keeps the pre-counted clusters at most five minutes behind the records (individual features are always live). */
export function mapClusterJob(): Job {
  return {
    name: "map-cluster-cells",
    everySeconds: 300,
    run: ({ db }) => rebuildClusterCells(db),
  };
}
