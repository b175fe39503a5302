import { BarChart, PieChart } from "echarts/charts";
import { GraphicComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the pieces the pages use, so the bundle does not carry every chart type.
echarts.use([BarChart, PieChart, GraphicComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = Parameters<echarts.ECharts["setOption"]>[0];

export type EChartClick = { name: string; dataIndex: number; seriesIndex?: number; data: unknown };

/** An ECharts canvas that follows its container's size and is disposed with the component. */
export function EChart({
  option,
  height = 320,
  testId,
  onClick,
}: {
  option: EChartOption;
  height?: number;
  testId?: string;
  /** Called with the clicked bar or slice. */
  onClick?: (params: EChartClick) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current);
    chart.current = instance;
    instance.on("click", (params) => clickRef.current?.(params as unknown as EChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={element} style={{ width: "100%", height }} data-testid={testId} />;
}
