import { api, downloadFile } from "../../api/client";
import type { Answer } from "../../api/contract";
import { ImportDialog } from "../../components/ImportDialog";
import { useT } from "../../i18n";

type RiskImportResult = Answer<"/api/v1/risk-points/import", "post">;

const template = () => downloadFile("/risk-import-template", {}, "risk-register-import-template.xlsx");

/**
 * Imports risk points and hazards (optionally with their assessment) into one register from the published template:
 * all rows or none, with a row-level error report.
 */
export function ImportRiskRegisterModal({
  open,
  ownerId,
  ownerName,
  onClose,
  onImported,
}: {
  open: boolean;
  ownerId: string;
  ownerName: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  return (
    <ImportDialog<RiskImportResult>
      open={open}
      title={t("riskImport.title", { name: ownerName })}
      explain={t("riskImport.explain")}
      width={780}
      templates={[{ label: t("import.templateXlsx"), testId: "risk-import-template", download: template }]}
      upload={(form) => api.upload<RiskImportResult>("/risk-points/import", form, { ownerId })}
      describe={(result) =>
        t("riskImport.done", {
          pointsCreated: result.riskPoints.created,
          pointsUpdated: result.riskPoints.updated,
          pointsUnchanged: result.riskPoints.unchanged,
          hazardsCreated: result.hazards.created,
          hazardsUpdated: result.hazards.updated,
          assessments: result.assessments,
        })
      }
      testIdPrefix="risk-import"
      onClose={onClose}
      onImported={onImported}
    />
  );
}
