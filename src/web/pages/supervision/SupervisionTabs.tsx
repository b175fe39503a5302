import { Segmented } from "antd";
import { useLocation, useNavigate } from "react-router-dom";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { useT } from "../../i18n";

/** Switches between the three pages of classified supervision: plans, inspection records, frequency settings. */
export function SupervisionTabs() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.startsWith("/supervision/inspections")
    ? "/supervision/inspections"
    : pathname.startsWith("/supervision/frequency")
      ? "/supervision/frequency"
      : "/supervision";
  const options = [
    { value: "/supervision", label: t("sup.tabPlans") },
    { value: "/supervision/inspections", label: t("sup.tabInspections") },
    ...(hasPermission(me, "supervision:read")
      ? [{ value: "/supervision/frequency", label: t("sup.tabFrequency") }]
      : []),
  ];
  return (
    <Segmented
      data-testid="supervision-tabs"
      value={current}
      options={options}
      onChange={(value) => navigate(String(value))}
      style={{ marginBottom: 16 }}
    />
  );
}
