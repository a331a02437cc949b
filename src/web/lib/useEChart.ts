import type { ECharts } from 'echarts/core';
import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * One ECharts instance on a div for the component's lifetime: follows the window size, passes
 * clicks to the latest `onClick`, and is disposed on unmount. Register the chart types with
 * `echarts.use` before using it.
 */
export function useEChart(onClick?: (params: { dataIndex: number; name: string }) => void) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current);
    chart.current = instance;
    instance.on('click', (params) => click.current?.(params as { dataIndex: number; name: string }));
    const onResize = () => instance.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  return { element, chart };
}
