import { signInRecordsJob } from "../auth/sign-in-records-job";
import type { Config } from "../config";
import { campaignReminderJob } from "../modules/campaigns/campaign-jobs";
import { hiddenDangerDeadlineJob } from "../modules/hidden-dangers/hidden-danger-jobs";
import { inspectionTaskJob } from "../modules/inspections/inspection-jobs";
import { mapClusterJob } from "../modules/map/map-jobs";
import { alarmEscalationJob, inactivityJob, managementAlarmJob } from "../modules/monitoring/alarm-jobs";
import { readingPartitionJob } from "../modules/monitoring/ingest-jobs";
import { incrementalRatingJob, nightlyRatingJob } from "../modules/ratings/rating-jobs";
import { deliverOutboxJob } from "../notifications/deliver-outbox";
import { smtpSender } from "../notifications/senders";
import type { Job } from "./job-runner";

/** Every job the server runs on a schedule. */
export function scheduledJobs(config: Config): Job[] {
  return [
    deliverOutboxJob(config.smtpUrl ? smtpSender(config.smtpUrl) : null, {
      webhookPolicy: { allowHosts: config.webhookAllowHosts ?? [] },
    }),
    hiddenDangerDeadlineJob(),
    campaignReminderJob(),
    inspectionTaskJob(),
    readingPartitionJob(),
    inactivityJob(),
    alarmEscalationJob(),
    managementAlarmJob(),
    incrementalRatingJob(),
    nightlyRatingJob(),
    mapClusterJob(),
    signInRecordsJob(),
  ];
}
