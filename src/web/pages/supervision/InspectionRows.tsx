import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Col, type ColProps, Form, Input, InputNumber, Row, Select } from "antd";
import type { ReactNode } from "react";
import { useT } from "../../i18n";
import { CHECK_RESULTS, PENALTY_KINDS, penaltyLabel, resultLabel } from "./supervision-data";

type Cell = { span: ColProps; field: ReactNode };

/** A list of rows the inspector adds and removes, each a few fields side by side, with an "add" button below. */
function FieldRows({
  name,
  testId,
  cells,
  newRow,
  addLabel,
  addTestId,
}: {
  name: string;
  testId: string;
  /** The fields of the row with this index in the list. */
  cells: (row: number) => Cell[];
  newRow: object;
  addLabel: string;
  addTestId?: string;
}) {
  const t = useT();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div data-testid={testId}>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top">
              {cells(field.name).map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed, in this order.
                <Col key={index} {...cell.span}>
                  {cell.field}
                </Col>
              ))}
              <Col xs={2} md={1}>
                <MinusCircleOutlined
                  aria-label={t("sup.remove")}
                  onClick={() => remove(field.name)}
                  style={{ marginTop: 8 }}
                />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newRow)} data-testid={addTestId}>
            {addLabel}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** What was checked and how it was found. */
export function CheckedItems() {
  const t = useT();
  return (
    <FieldRows
      name="itemsChecked"
      testId="inspection-items"
      newRow={{ content: "", result: "ok" }}
      addLabel={t("sup.addItem")}
      cells={(row) => [
        {
          span: { xs: 24, md: 12 },
          field: (
            <Form.Item name={[row, "content"]} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea autoSize placeholder={t("sup.itemContent")} />
            </Form.Item>
          ),
        },
        {
          span: { xs: 12, md: 4 },
          field: (
            <Form.Item name={[row, "result"]} rules={[{ required: true }]}>
              <Select
                data-testid="inspection-item-result"
                options={CHECK_RESULTS.map((result) => ({ value: result, label: resultLabel(t, result) }))}
              />
            </Form.Item>
          ),
        },
        {
          span: { xs: 10, md: 7 },
          field: (
            <Form.Item name={[row, "note"]}>
              <Input placeholder={t("sup.note")} />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}

/** Hidden dangers the inspection found, opened on the enterprise when the record is saved. */
export function HiddenDangerRows() {
  const t = useT();
  return (
    <FieldRows
      name="hiddenDangers"
      testId="inspection-hidden-dangers"
      newRow={{ description: "", level: "general" }}
      addLabel={t("sup.addHiddenDanger")}
      addTestId="inspection-add-hd"
      cells={(row) => [
        {
          span: { xs: 24, md: 12 },
          field: (
            <Form.Item name={[row, "description"]} rules={[{ required: true, min: 2 }]}>
              <Input placeholder={t("sup.hdDescription")} data-testid="inspection-hd-description" />
            </Form.Item>
          ),
        },
        {
          span: { xs: 12, md: 4 },
          field: (
            <Form.Item name={[row, "level"]} initialValue="general">
              <Select
                options={[
                  { value: "general", label: t("hdLevel.general") },
                  { value: "major", label: t("hdLevel.major") },
                ]}
              />
            </Form.Item>
          ),
        },
        {
          span: { xs: 10, md: 7 },
          field: (
            <Form.Item name={[row, "place"]}>
              <Input placeholder={t("sup.hdPlace")} />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}

/** Administrative penalties imposed, each with its kind, amount and legal basis. */
export function PenaltyRows() {
  const t = useT();
  return (
    <FieldRows
      name="penalties"
      testId="inspection-penalties"
      newRow={{ kind: "fine", amountYuan: 0, legalBasis: "" }}
      addLabel={t("sup.addPenalty")}
      addTestId="inspection-add-penalty"
      cells={(row) => [
        {
          span: { xs: 12, md: 5 },
          field: (
            <Form.Item name={[row, "kind"]} rules={[{ required: true }]}>
              <Select
                placeholder={t("sup.penaltyKind")}
                data-testid="inspection-penalty-kind"
                options={PENALTY_KINDS.map((kind) => ({ value: kind, label: penaltyLabel(t, kind) }))}
              />
            </Form.Item>
          ),
        },
        {
          span: { xs: 12, md: 5 },
          field: (
            <Form.Item name={[row, "amountYuan"]} rules={[{ required: true }]}>
              <InputNumber
                min={0}
                style={{ width: "100%" }}
                placeholder={t("sup.amountYuan")}
                data-testid="inspection-penalty-amount"
              />
            </Form.Item>
          ),
        },
        {
          span: { xs: 22, md: 13 },
          field: (
            <Form.Item name={[row, "legalBasis"]} rules={[{ required: true, min: 2 }]}>
              <Input placeholder={t("sup.legalBasis")} data-testid="inspection-penalty-basis" />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}
