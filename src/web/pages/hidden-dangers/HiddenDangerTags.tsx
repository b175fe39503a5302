import { Tag } from "antd";
import type { HiddenDangerLevel, HiddenDangerStatus } from "../../../domain/hidden-danger";
import { useT } from "../../i18n";
import { levelColours, levelLabel, STATUS_TAG_COLOURS, statusLabel } from "./hidden-danger-data";

/** Status, level, overdue and supervision as tags, the same on the list and the detail page. */
export function HiddenDangerTags({
  status,
  level,
  overdue,
  listed,
}: {
  status: HiddenDangerStatus;
  level: HiddenDangerLevel | null;
  overdue?: boolean;
  listed?: boolean;
}) {
  const t = useT();
  const colours = level ? levelColours(level) : null;
  return (
    <span style={{ display: "inline-flex", flexWrap: "wrap", gap: 4 }}>
      <Tag color={STATUS_TAG_COLOURS[status]} data-testid="hd-status-tag" style={{ marginInlineEnd: 0 }}>
        {statusLabel(t, status)}
      </Tag>
      {colours && (
        <Tag
          style={{
            background: colours.background,
            color: colours.color,
            borderColor: colours.background,
            marginInlineEnd: 0,
          }}
          data-testid="hd-level-tag"
        >
          {levelLabel(t, level)}
        </Tag>
      )}
      {overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="hd-overdue-tag">
          {t("hd.overdue")}
        </Tag>
      )}
      {listed && (
        <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
          {t("hd.supervised")}
        </Tag>
      )}
    </span>
  );
}
