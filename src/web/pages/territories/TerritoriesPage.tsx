import { ShopOutlined } from "@ant-design/icons";
import { Badge, Card, Col, Descriptions, Empty, Input, Row, Skeleton, Space, Tree, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { isEnterpriseScoped } from "../../../domain/access/roles";
import { api } from "../../api/client";
import type { TerritoryDetail, TerritoryNode } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { BoundaryOutline } from "../../components/BoundaryOutline";
import { ErrorAlert } from "../../components/ErrorAlert";
import { territoryLevelLabel } from "../../components/labels";
import { ancestorIds, buildTerritoryTree, type TerritoryTreeNode } from "../../components/territory-tree";
import { localName, useLocale, useT } from "../../i18n";

type TreeItem = { key: string; title: React.ReactNode; children: TreeItem[] };

function TerritoryDetails({ id }: { id: string }) {
  const t = useT();
  const me = useMe();
  const [locale] = useLocale();
  const detail = useRequest(() => api.get<TerritoryDetail>(`/territories/${id}`), [id]);
  const territory = detail.data;
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={detail.reload} />;
  if (!territory || territory.id !== id) return <Skeleton active />;
  const name = localName(locale, territory.name, territory.nameEn);
  const box = territory.bbox;
  const coordinate = (value: number) => value.toFixed(4);
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="territory-detail">
      <Descriptions
        title={name}
        bordered
        size="small"
        column={1}
        items={[
          { key: "name", label: t("territory.name"), children: territory.name },
          { key: "nameEn", label: t("territory.nameEn"), children: territory.nameEn || "—" },
          {
            key: "code",
            label: t("territory.code"),
            children: <Typography.Text copyable>{territory.code}</Typography.Text>,
          },
          { key: "level", label: t("territory.level"), children: territoryLevelLabel(t, territory.level) },
          {
            key: "count",
            label: t("territory.enterpriseCount"),
            children: (
              <Space>
                <strong data-testid="territory-enterprise-count">{territory.enterpriseCount}</strong>
                {!isEnterpriseScoped(me.role) && (
                  <Link to={`/enterprises?territoryId=${territory.id}`} data-testid="territory-enterprises-link">
                    <ShopOutlined /> {t("territory.viewEnterprises")}
                  </Link>
                )}
              </Space>
            ),
          },
          {
            key: "bbox",
            label: t("territory.bbox"),
            children: box
              ? t("territory.bboxValue", {
                  west: coordinate(box.minLng),
                  east: coordinate(box.maxLng),
                  south: coordinate(box.minLat),
                  north: coordinate(box.maxLat),
                })
              : "—",
          },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t("territory.boundary")}</Typography.Title>
        {territory.boundary ? (
          <Space orientation="vertical" size={4}>
            <BoundaryOutline polygon={territory.boundary} label={t("territory.boundaryOf", { name })} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("territory.northUp")}
            </Typography.Text>
          </Space>
        ) : (
          <Empty description={t("territory.noBoundary")} />
        )}
      </div>
    </Space>
  );
}

export function TerritoriesPage() {
  const t = useT();
  const [locale] = useLocale();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState("");
  const list = useRequest(() => api.get<{ items: TerritoryNode[] }>("/territories").then((r) => r.items), []);
  const nodes = list.data ?? [];
  const roots = useMemo(() => buildTerritoryTree(nodes), [nodes]);
  const selected = params.get("id") ?? roots[0]?.id ?? null;

  const treeData = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matches = (node: TerritoryTreeNode) =>
      !needle || [node.name, node.nameEn, node.code].some((text) => text.toLowerCase().includes(needle));
    // Keep a node when it or any descendant matches, so a search still shows where a town sits.
    const toItem = (node: TerritoryTreeNode): TreeItem | null => {
      const children = node.children.map(toItem).filter((c): c is TreeItem => c !== null);
      if (!matches(node) && children.length === 0) return null;
      return {
        key: node.id,
        title: (
          <Space size={6} data-testid={`territory-node-${node.code}`} title={territoryLevelLabel(t, node.level)}>
            <span>{localName(locale, node.name, node.nameEn)}</span>
            <Badge
              count={node.enterpriseCount}
              showZero
              overflowCount={99999}
              color={node.enterpriseCount ? "#1677ff" : "#bfbfbf"}
            />
          </Space>
        ),
        children,
      };
    };
    return roots.map(toItem).filter((c): c is TreeItem => c !== null);
  }, [roots, filter, locale, t]);

  const defaultExpanded = useMemo(() => {
    const open = nodes.filter((n) => n.level === "city" || n.level === "district").map((n) => n.id);
    return selected ? [...open, ...ancestorIds(nodes, selected)] : open;
  }, [nodes, selected]);

  return (
    <Row gutter={16} data-testid="territories-page">
      <Col xs={24} lg={10}>
        <Card
          title={t("territory.treeTitle")}
          extra={<Typography.Text type="secondary">{t("territory.treeHint")}</Typography.Text>}
        >
          <Input.Search
            allowClear
            placeholder={t("territory.search")}
            onChange={(event) => setFilter(event.target.value)}
            style={{ marginBottom: 12 }}
          />
          <ErrorAlert error={list.error} onRetry={list.reload} />
          {list.loading && !list.data ? (
            <Skeleton active />
          ) : (
            <Tree
              key={`${nodes.length}-${filter ? "filtered" : "all"}`}
              data-testid="territory-tree"
              showLine
              blockNode
              treeData={treeData}
              defaultExpandedKeys={defaultExpanded}
              defaultExpandAll={Boolean(filter)}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => {
                const id = keys[0];
                if (id) setParams({ id: String(id) }, { replace: true });
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t("territory.detailTitle")}>
          {selected ? <TerritoryDetails id={selected} /> : <Empty description={t("territory.pickOne")} />}
        </Card>
      </Col>
    </Row>
  );
}
