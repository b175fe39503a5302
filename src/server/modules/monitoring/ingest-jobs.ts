import type { BrokerAdmin } from "../../ingestion/broker-admin";
import type { Job } from "../../jobs/job-runner";
import { reconcileDeviceAccounts } from "./device-broker-accounts";
import { maintainReadingPartitions } from "./reading-partitions";

/** Monthly partitions of `reading` exist ahead of time, and those past the retention go. */
export function readingPartitionJob(): Job {
  return {
    name: "reading-partitions",
    everySeconds: 6 * 3600,
    run: ({ db, clock }) => maintainReadingPartitions(db, clock.now()),
  };
}

/** The broker's device accounts follow the database, mending what a broker outage or a hand edit left behind. */
export function deviceAccountJob(admin: BrokerAdmin): Job {
  return {
    name: "broker-device-accounts",
    everySeconds: 60,
    run: ({ db }) => reconcileDeviceAccounts(admin, db),
  };
}
