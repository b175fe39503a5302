import { LineChart } from "echarts/charts";
import { DataZoomComponent, MarkLineComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { api } from "../../api/client";
import { EChart, type EChartOption } from "../../components/EChart";
import { useT } from "../../i18n";
import type { Device, Reading } from "./monitoring-data";

// The shared EChart registers bars and pies only; the monitoring pages add lines where they are used.
echarts.use([LineChart, DataZoomComponent, MarkLineComponent]);

const HOUR_MS = 3600_000;

/** A last-hour sparkline (≤ 60 points), loaded only once the row scrolls into view. */
export function DeviceSparkline({ device, version }: { device: Device; version?: string | null }) {
  const t = useT();
  const holder = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [readings, setReadings] = useState<Reading[] | null>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new last reading (version) refreshes the line.
  useEffect(() => {
    if (!visible) return;
    let live = true;
    const to = new Date();
    api
      .get<{ readings: Reading[] }>(`/devices/${device.id}/readings`, {
        from: new Date(to.getTime() - HOUR_MS).toISOString(),
        to: to.toISOString(),
        limit: 60,
      })
      .then((answer) => live && setReadings(answer.readings))
      .catch(() => live && setReadings([]));
    return () => {
      live = false;
    };
  }, [visible, device.id, version]);

  const option = useMemo<EChartOption>(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: "time", show: false },
      yAxis: { type: "value", show: false, scale: true },
      series: [
        {
          type: "line",
          showSymbol: false,
          lineStyle: { width: 1.5, color: "#1677ff" },
          areaStyle: { color: "rgba(22,119,255,0.12)" },
          data: (readings ?? []).map((r) => [r.ts, r.value]),
        },
      ],
    }),
    [readings],
  );

  return (
    <div ref={holder} style={{ width: 160, height: 36 }} data-testid="device-sparkline">
      {readings && readings.length > 0 ? (
        <EChart option={option} height={36} />
      ) : (
        <span style={{ color: "#bfbfbf", fontSize: 12, lineHeight: "36px" }}>
          {readings ? t("device.noReadings") : ""}
        </span>
      )}
    </div>
  );
}

/** The device's readings as a line over time, with the alarm thresholds as dashed lines. */
export function ReadingHistoryChart({
  device,
  readings,
  thresholds,
}: {
  device: Device;
  readings: readonly Reading[];
  thresholds: readonly { value: number; colour: string; label: string }[];
}) {
  const option = useMemo<EChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 56, right: 96, top: 24, bottom: 64 },
      xAxis: { type: "time" },
      // Keep every threshold line on the chart, so the distance to the next alarm level is visible.
      yAxis: {
        type: "value",
        name: device.unit,
        scale: true,
        max: (extent: { max: number }) => niceCeiling(Math.max(extent.max, ...thresholds.map((th) => th.value * 1.1))),
      },
      dataZoom: [{ type: "inside" }, { type: "slider", height: 20, bottom: 12 }],
      series: [
        {
          type: "line",
          name: device.name,
          showSymbol: readings.length < 80,
          symbolSize: 5,
          lineStyle: { width: 2, color: "#1677ff" },
          itemStyle: { color: "#1677ff" },
          areaStyle: { color: "rgba(22,119,255,0.08)" },
          data: readings.map((r) => [r.ts, r.value]),
          markLine: {
            symbol: "none",
            silent: true,
            data: thresholds.map((th) => ({
              yAxis: th.value,
              lineStyle: { color: th.colour, type: "dashed", width: 1.5 },
              label: { formatter: th.label, color: th.colour, position: "end" },
            })),
          },
        },
      ],
    }),
    [device, readings, thresholds],
  );
  return <EChart option={option} height={360} testId="device-history-chart" />;
}

function niceCeiling(value: number): number {
  if (value <= 0) return value;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / (step / 2)) * (step / 2);
}
