import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useEChart } from '../lib/useEChart';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** An ECharts option (the subset the dashboard uses). */
export type ChartOption = echarts.EChartsCoreOption;

interface DashboardChartProps {
  option: ChartOption;
  height?: number;
  /** Called with the category / slice index clicked. */
  onPick?: (dataIndex: number) => void;
  'data-testid'?: string;
}

/** One ECharts chart that follows its option and the window size. */
export function DashboardChart({ option, height = 280, onPick, 'data-testid': testId }: DashboardChartProps) {
  const { element, chart } = useEChart(onPick && ((params) => onPick(params.dataIndex)));

  useEffect(() => {
    chart.current?.setOption(option, true);
    chart.current?.resize();
  }, [option]);

  return <div ref={element} style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }} data-testid={testId} />;
}
