import { EditOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Space } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api/client";
import type { RiskPoint } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { DeleteButton } from "../../components/DeleteButton";
import { RecordPending } from "../../components/ErrorAlert";
import { usePageCrumb } from "../../components/page-crumb";
import { RiskLevelTag } from "../../components/RiskLevel";
import { useT } from "../../i18n";
import { HazardsSection } from "./HazardsSection";
import { MeasuresSection } from "./MeasuresSection";
import { NoticeCardSection } from "./NoticeCardSection";
import { RiskPointFacts, RiskPointSteps } from "./RiskPointFacts";
import { RiskPointFormModal } from "./RiskPointFormModal";
import { canEditRegister, registerPath } from "./risk-data";

/** One risk point: what it is, its hazards and their assessments, its control measures and its notice card. */
export function RiskPointPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const [editing, setEditing] = useState(false);
  const request = useRequest(() => api.get<RiskPoint>(`/risk-points/${id}`), [id]);
  const point = request.data?.id === id ? request.data : undefined;
  usePageCrumb(point?.name);

  if (request.error || !point) return <RecordPending request={request} notFound={t("risk.notFound")} />;

  const editable = canEditRegister(me, point.ownerKind);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="risk-point-page">
      <Card
        id="rp-basic"
        title={
          <Space wrap>
            <span data-testid="risk-point-name">{point.name}</span>
            <RiskLevelTag level={point.level} testId="risk-point-level" style={{ fontSize: 14, padding: "2px 10px" }} />
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={registerPath(point.ownerKind, point.ownerId)} data-testid="risk-point-register-link">
              {t("risk.backToRegister", { name: point.ownerName })}
            </Link>
            {editable && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="risk-point-edit">
                  {t("common.edit")}
                </Button>
                <DeleteButton
                  path={`/risk-points/${point.id}`}
                  confirm={t("risk.deleteConfirm")}
                  done={t("risk.deleted", { name: point.name })}
                  onDeleted={() => navigate(registerPath(point.ownerKind, point.ownerId))}
                  data-testid="risk-point-delete"
                >
                  {t("common.remove")}
                </DeleteButton>
              </>
            )}
          </Space>
        }
      >
        {editable && <RiskPointSteps point={point} />}
        {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("risk.readOnlyExplain")} />}
        <RiskPointFacts point={point} />
      </Card>
      <HazardsSection point={point} editable={editable} onChanged={request.reload} />
      <MeasuresSection point={point} editable={editable} onChanged={request.reload} />
      <NoticeCardSection point={point} />
      {editable && (
        <RiskPointFormModal
          open={editing}
          ownerId={point.ownerId}
          ownerKind={point.ownerKind}
          riskPoint={point}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            request.reload();
          }}
        />
      )}
    </Space>
  );
}
