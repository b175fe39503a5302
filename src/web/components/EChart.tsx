import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the pieces the pages use, so the bundle does not carry every chart type.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = Parameters<echarts.ECharts["setOption"]>[0];

/** An ECharts canvas that follows its container's size and is disposed with the component. */
export function EChart({ option, height = 320, testId }: { option: EChartOption; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current);
    chart.current = instance;
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
