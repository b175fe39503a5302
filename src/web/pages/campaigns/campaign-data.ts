import {
  CAMPAIGN_FIGURES,
  CAMPAIGN_TASK_KINDS,
  type CampaignFigure,
  type FigureValues,
  type ReportSchedule,
  type ReportTiming,
} from "../../../domain/campaign";
import type { MessageKey, Translate } from "../../i18n";

// The API shapes of special actions and the words and colours they are shown with.

export type { CampaignFigure, FigureValues, ReportSchedule, ReportTiming };
export { CAMPAIGN_FIGURES, CAMPAIGN_TASK_KINDS };

export type CampaignStatus = "draft" | "active" | "closed";

export type CompletionCounts = {
  due: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  upcoming: number;
};

export type CampaignListItem = {
  id: string;
  title: string;
  status: CampaignStatus;
  startDate: string;
  endDate: string;
  createdByName: string;
  participants: number;
  role: "runner" | "participant";
  totals: CompletionCounts;
};

export type ParticipantReport = {
  dueDate: string;
  final: boolean;
  deadline: string;
  timing: ReportTiming;
  version: number | null;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  submittedByName: string | null;
  text: string | null;
  figures: Record<string, FigureValues> | null;
  attachmentIds: string[];
};

export type CampaignDetail = {
  id: string;
  title: string;
  basis: string;
  description: string;
  status: CampaignStatus;
  ownerTerritory: { id: string; name: string; nameEn: string } | null;
  scopeTerritories: { id: string; name: string; nameEn: string }[];
  industries: string[];
  startDate: string;
  endDate: string;
  schedule: ReportSchedule;
  finalReport: boolean;
  reminderDays: number;
  createdByName: string;
  createdAt: string;
  activatedAt: string | null;
  closedAt: string | null;
  tasks: {
    id: string;
    title: string;
    description: string;
    kind: string;
    targetFigure: CampaignFigure | null;
    target: number | null;
  }[];
  dueDates: { dueDate: string; final: boolean; deadline: string }[];
  participants: {
    id: string;
    kind: "territory" | "organisation";
    territoryId: string | null;
    name: string;
    nameEn: string;
    completion: CompletionCounts;
    reports: ParticipantReport[];
  }[];
  totals: CompletionCounts;
  taskTotals: {
    taskId: string;
    totals: Record<CampaignFigure, number>;
    target: number | null;
    targetFigure: CampaignFigure | null;
    progress: number | null;
  }[];
  canManage: boolean;
  myParticipantIds: string[];
};

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
