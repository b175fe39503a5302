import { Result } from "antd";
import type { ReactNode } from "react";
import type { Permission } from "../../domain/access/roles";
import { hasPermission } from "../app/navigation";
import { useMe } from "../app/session";
import { useT } from "../i18n";

/** Shows the page only to roles holding the permission; the server checks again, this only spares a useless screen. */
export function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  const t = useT();
  if (!hasPermission(me, permission)) {
    return <Result status="403" title={t("error.forbiddenTitle")} subTitle={t("error.forbiddenText")} />;
  }
  return children;
}
