/**
 * A special action (专项行动) as the product keeps it: drafted by a territory,
 * started so that its participants owe reports, and closed when it ends.
 */

/** draft: planned, still editable, nobody reports yet; active: running, reports are due; closed: ended. */
export const CAMPAIGN_STATUSES = ["draft", "active", "closed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Who reports: a subordinate territory node (its supervisors) or a named department (its people). */
export const PARTICIPANT_KINDS = ["territory", "organisation"] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
