import { Alert, Descriptions, Drawer, Space, Spin, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { api } from "../../api/client";
import { RiskLevelTag } from "../../components/RiskLevel";
import { type MessageKey, useLocale, useT } from "../../i18n";
import type { FeatureCard } from "./map-data";
import type { SelectedFeature } from "./use-one-map";

const FACT_VALUE_KEYS: Record<string, (value: string) => string> = {
  ownerKind: (value) => `map.value.${value}`,
  unitKind: (value) => `map.value.${value}`,
  alarmStatus: (value) => `map.value.${value}`,
  hiddenDangerStatus: (value) => `hdStatus.${value}`,
  hiddenDangerGrade: (value) => `hdLevel.${value}`,
  riskPointKind: (value) => `riskKind.${value}`,
};
const DATE_FACTS = new Set(["ratedAt", "raisedAt", "foundAt", "deadline"]);

/** The card of one feature: its level, why it has it, its key facts and a link to its page. */
export function FeatureCardDrawer({ selected, onClose }: { selected: SelectedFeature | null; onClose: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const [card, setCard] = useState<FeatureCard | null>(null);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the language changes the server's texts.
  useEffect(() => {
    setCard(null);
    setFailed(false);
    if (!selected) return;
    let stale = false;
    api
      .get<FeatureCard>(`/map/features/${selected.layer}/${selected.id}`)
      .then((value) => {
        if (!stale) setCard(value);
      })
      .catch(() => {
        if (!stale) setFailed(true);
      });
    return () => {
      stale = true;
    };
  }, [selected, locale]);

  const factValue = (key: string, value: string | number | null) => {
    if (value === null || value === "") return "—";
    if (DATE_FACTS.has(key)) return dayjs(String(value)).format("YYYY-MM-DD HH:mm");
    const translate = FACT_VALUE_KEYS[key];
    if (translate) {
      const text = t(translate(String(value)) as MessageKey);
      return text === translate(String(value)) ? String(value) : text;
    }
    return String(value);
  };
  const colour = card?.level ? levelColourName(card.level as RiskLevel) : null;

  return (
    <Drawer open={selected !== null} onClose={onClose} size={420} title={card?.name ?? " "} destroyOnHidden>
      <div data-testid="map-feature-card">
        {failed && <Alert type="error" showIcon title={t("map.card.loadFailed")} />}
        {!card && !failed && <Spin />}
        {card && (
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            <Space wrap>
              <Typography.Text type="secondary">{t(`map.layer.${card.layer}` as MessageKey)}</Typography.Text>
              {card.layer !== "hiddenDangers" && (
                <RiskLevelTag
                  testId="map-feature-card-level"
                  level={card.level as RiskLevel | null}
                  suffix={
                    card.layer === "enterprises" && card.score !== null
                      ? ` · ${t("map.card.score", { score: card.score })}`
                      : undefined
                  }
                />
              )}
            </Space>
            {card.explanation && colour && (
              <Alert
                data-testid="map-feature-card-explanation"
                type={card.level === 1 ? "error" : card.level === 2 ? "warning" : "info"}
                showIcon
                title={t("map.card.why", { colour: t(`map.colour.${colour}` as MessageKey) })}
                description={card.explanation}
              />
            )}
            <Descriptions
              size="small"
              column={1}
              bordered
              items={card.facts.map((fact) => ({
                key: fact.key,
                label: t(`map.fact.${fact.key}` as MessageKey),
                children: factValue(fact.key, fact.value),
              }))}
            />
            <Link to={card.link} data-testid="map-feature-card-link">
              {t("map.card.open")} →
            </Link>
          </Space>
        )}
      </div>
    </Drawer>
  );
}

function levelColourName(level: RiskLevel): "red" | "orange" | "yellow" | "blue" {
  return (["red", "orange", "yellow", "blue"] as const)[level - 1];
}
