import { Card, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../../api/client";
import type { MajorHazardResult } from "../../api/types";
import { useT } from "../../i18n";
import { type SubstanceRow, substancesForApi } from "./substance-rows";
import { MajorHazardLevelTag } from "./UnitResult";

/** What the preview needs of the unit form: its substances and the people exposed. */
export type PreviewValues = { substances?: SubstanceRow[]; exposedPopulation?: number };

/** S, R and level as the user types, from the server's calculator (nothing is saved). */
export function UnitPreview({ values }: { values: PreviewValues | null }) {
  const t = useT();
  const [result, setResult] = useState<MajorHazardResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    clearTimeout(timer.current);
    const rows = values?.substances ?? [];
    const ready =
      rows.length > 0 &&
      rows.every((r) => r && r.quantityTonnes != null && (r.mode === "class" ? r.hazardClass : r.pick)) &&
      values?.exposedPopulation != null;
    if (!values || !ready) {
      setResult(null);
      setProblem(null);
      return;
    }
    let stale = false;
    timer.current = setTimeout(() => {
      api
        .post<MajorHazardResult>("/calculators/major-hazard", {
          substances: substancesForApi(rows),
          exposedPopulation: values.exposedPopulation,
        })
        .then((answer) => {
          if (stale) return;
          setResult(answer);
          setProblem(null);
        })
        .catch((error: unknown) => {
          if (stale) return;
          setResult(null);
          setProblem(errorMessage(error));
        });
    }, 350);
    return () => {
      stale = true;
      clearTimeout(timer.current);
    };
  }, [values]);

  return (
    <Card size="small" title={t("majorHazard.preview")} data-testid="unit-preview" style={{ marginTop: 8 }}>
      {result ? (
        <Space size="large" wrap>
          <span>
            S = <strong>{result.s}</strong>
          </span>
          <span>
            α = <strong>{result.alpha}</strong>
          </span>
          <span>
            R = <strong>{Number(result.r.toFixed(2))}</strong>
          </span>
          <MajorHazardLevelTag result={result} />
        </Space>
      ) : (
        <Typography.Text type="secondary">{problem ?? t("majorHazard.previewPending")}</Typography.Text>
      )}
    </Card>
  );
}
