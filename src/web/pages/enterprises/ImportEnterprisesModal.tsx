import { api, downloadFile } from "../../api/client";
import type { Answer } from "../../api/contract";
import { ImportDialog } from "../../components/ImportDialog";
import { forgetTerritories } from "../../components/shared-data";
import { useT } from "../../i18n";

type ImportResult = Answer<"/api/v1/enterprises/import", "post">;

const template = (format: "xlsx" | "csv") => () =>
  downloadFile("/enterprises/import-template", { format }, `enterprise-import-template.${format}`);

/** Bulk import of enterprises from the published template (XLSX or CSV); credit codes already known are updated. */
export function ImportEnterprisesModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  return (
    <ImportDialog<ImportResult>
      open={open}
      title={t("import.title")}
      explain={t("import.explain")}
      width={760}
      templates={[
        { label: t("import.templateXlsx"), testId: "import-template-xlsx", download: template("xlsx") },
        { label: t("import.templateCsv"), testId: "import-template-csv", download: template("csv") },
      ]}
      upload={(form) => api.upload<ImportResult>("/enterprises/import", form)}
      describe={(result) => t("import.done", result)}
      testIdPrefix="import"
      onClose={onClose}
      onImported={() => {
        forgetTerritories();
        onImported();
      }}
    />
  );
}
