import {
  CAMPAIGN_FIGURES,
  CAMPAIGN_TASK_KINDS,
  type CampaignFigure,
  type CampaignStatus,
  type ReportTiming,
} from "../../../domain/campaign";
import type { Answer, ItemOf } from "../../api/contract";
import type { MessageKey, Translate } from "../../i18n";

// The answers of special actions as the server's response schemas declare them (campaigns/schema.ts), and the
// words and colours they are shown with.

export type { CampaignFigure, CampaignStatus, ReportTiming };
export { CAMPAIGN_FIGURES, CAMPAIGN_TASK_KINDS };

export type CampaignList = Answer<"/api/v1/campaigns">;
export type CampaignListItem = ItemOf<"/api/v1/campaigns">;
export type CampaignDetail = Answer<"/api/v1/campaigns/{id}">;
export type ParticipantReport = CampaignDetail["participants"][number]["reports"][number];
export type ReportReceipt = Answer<"/api/v1/campaigns/{id}/reports", "post">;

export const STATUS_COLOURS: Record<CampaignStatus, string> = {
  draft: "default",
  active: "processing",
  closed: "success",
};
export const TIMING_COLOURS: Record<ReportTiming, string> = {
  on_time: "green",
  late: "orange",
  missing: "red",
  upcoming: "default",
};

export const statusLabel = (t: Translate, status: CampaignStatus) => t(`campaign.status.${status}` as MessageKey);
export const timingLabel = (t: Translate, timing: ReportTiming) => t(`campaign.timing.${timing}` as MessageKey);
export const figureLabel = (t: Translate, figure: CampaignFigure) => t(`campaignFigure.${figure}` as MessageKey);
export const taskKindLabel = (t: Translate, kind: string) => t(`campaignTask.${kind}` as MessageKey);
