import { GraphChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo } from 'react';
import type { ImpactItem } from '../../contracts/risk';
import { useEChart } from '../lib/useEChart';
import { formatExposure } from './RiskTags';

echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

const COLUMN_WIDTH = 230;
const ROW_HEIGHT = 56;

/** Node key of a path position: the USCC, or the name of a masked / off-platform node. */
const keyOf = (uscc: string | null, name: string) => uscc ?? `~${name}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Exposure → colour from amber (low) to red (high). */
function exposureColour(exposure: number): string {
  const hue = 40 - Math.round(Math.min(1, exposure) * 40);
  return `hsl(${hue}, 85%, 45%)`;
}

/**
 * The propagation paths of the most exposed enterprises as a layered graph: the event's source on
 * the left, each tier one column to the right, node colour by exposure.
 */
export function RiskImpactGraph({ items }: { items: readonly ImpactItem[] }) {
  const { element, chart } = useEChart();

  const { option, height } = useMemo(() => {
    const nodes = new Map<string, { name: string; column: number; exposure: number | null }>();
    const edges = new Set<string>();
    for (const item of items) {
      item.path.forEach((uscc, i) => {
        const key = keyOf(uscc, item.pathNames[i]);
        const node = nodes.get(key) ?? { name: item.pathNames[i], column: i, exposure: null };
        node.column = Math.min(node.column, i);
        if (i === item.path.length - 1) node.exposure = Math.max(node.exposure ?? 0, item.exposure);
        nodes.set(key, node);
        if (i > 0) edges.add(`${keyOf(item.path[i - 1], item.pathNames[i - 1])}\u0000${key}`);
      });
    }
    const columns = new Map<number, string[]>();
    for (const [key, node] of nodes) {
      columns.set(node.column, [...(columns.get(node.column) ?? []), key]);
    }
    const rows = Math.max(1, ...[...columns.values()].map((c) => c.length));
    const data = [...nodes].map(([key, node]) => {
      const column = columns.get(node.column)!;
      const row = column.indexOf(key);
      const isSource = node.column === 0;
      // A node on a path that is not itself listed (masked, or beyond the items drawn): neutral.
      const colour = isSource ? '#434343' : node.exposure === null ? '#8c8c8c' : exposureColour(node.exposure);
      const text = node.exposure === null ? node.name : `${node.name}\n${formatExposure(node.exposure)}`;
      return {
        id: key,
        name: node.name,
        x: node.column * COLUMN_WIDTH,
        y: (row + (rows - column.length) / 2) * ROW_HEIGHT,
        symbol: 'roundRect',
        symbolSize: [200, 38],
        itemStyle: { color: colour, borderRadius: 6 },
        // Functions, not template strings: names are data and must not be read as templates or HTML.
        label: { show: true, color: '#fff', fontSize: 12, width: 190, overflow: 'truncate', formatter: () => text },
        tooltip: { formatter: () => escapeHtml(text).replace('\n', '<br/>') },
      };
    });
    const links = [...edges].map((edge) => {
      const [source, target] = edge.split('\u0000');
      return { source, target };
    });
    return {
      height: Math.min(720, rows * ROW_HEIGHT + 60),
      option: {
        tooltip: {},
        series: [
          {
            type: 'graph' as const,
            layout: 'none' as const,
            roam: true,
            data,
            links,
            edgeSymbol: ['none', 'arrow'],
            edgeSymbolSize: 8,
            lineStyle: { color: '#8c8c8c', width: 1.5, curveness: 0.1 },
          },
        ],
      },
    };
  }, [items]);

  useEffect(() => {
    chart.current?.setOption(option, true);
    chart.current?.resize();
  }, [option, height]);

  return <div ref={element} style={{ width: '100%', height }} data-testid="risk-impact-graph" />;
}
