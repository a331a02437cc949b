import { GraphChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CHAIN_STAGES, type ChainSegment, type ChainStage } from '../../contracts/chains';
import { useT, type MessageKey } from '../i18n';
import type { WeakLink } from '../queries/chains';

echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

/** Colours of weak-link kinds (断点 red, 堵点 orange, 卡点 purple) and of sound segments by stage. */
export const WEAK_LINK_COLOURS: Record<WeakLink['kind'], string> = { break: '#cf1322', blockage: '#d46b08', choke: '#722ed1' };
const STAGE_COLOURS: Record<ChainStage, string> = { upstream: '#2a61b8', midstream: '#1f7a8c', downstream: '#3b8f4f' };
const ROW_HEIGHT = 74;
const NODE_SIZE: [number, number] = [168, 50];

interface ChainMapProps {
  segments: readonly ChainSegment[];
  weakLinks: ReadonlyMap<string, WeakLink>;
  selectedKey?: string;
  onSelect: (key: string) => void;
}

export const stageKey = (stage: ChainStage): MessageKey => `chains.stage.${stage}`;

/**
 * The chain map: segments in three columns by stage (上游/中游/下游), arrows from upstream to
 * downstream, each node with its name and member count, weak links coloured.
 */
export function ChainMap({ segments, weakLinks, selectedKey, onSelect }: ChainMapProps) {
  const t = useT();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const [width, setWidth] = useState(0);

  const rows = Math.max(1, ...CHAIN_STAGES.map((stage) => segments.filter((s) => s.stage === stage).length));
  const height = rows * ROW_HEIGHT + 40;

  const option = useMemo(() => {
    const byStage = new Map(CHAIN_STAGES.map((stage) => [stage, segments.filter((s) => s.stage === stage)]));
    const nodes = segments.map((segment) => {
      const column = byStage.get(segment.stage)!;
      const row = column.indexOf(segment);
      const weak = weakLinks.get(segment.key);
      const colour = weak ? WEAK_LINK_COLOURS[weak.kind] : STAGE_COLOURS[segment.stage];
      const isSelected = segment.key === selectedKey;
      return {
        id: segment.key,
        name: segment.name,
        // Pixel coordinates: columns a third of the width apart, rows centred in the tallest column.
        // (ECharts keeps node sizes only when both axes scale alike.)
        x: (CHAIN_STAGES.indexOf(segment.stage) * width) / 3,
        y: (row + (rows - column.length) / 2) * ROW_HEIGHT,
        value: segment.memberCount,
        symbol: 'roundRect',
        symbolSize: NODE_SIZE,
        itemStyle: {
          color: weak ? '#fff' : colour,
          borderColor: isSelected ? '#faad14' : colour,
          borderWidth: isSelected ? 4 : weak ? 3 : 1,
          shadowBlur: isSelected ? 10 : 0,
          shadowColor: 'rgba(0,0,0,0.25)',
        },
        label: {
          show: true,
          formatter: `{name|${segment.name}}\n{count|${t('chains.members', { n: segment.memberCount })}${weak ? ` · ${t(weakKey(weak.kind))}` : ''}}`,
          rich: {
            name: { fontSize: 13, fontWeight: 600, color: weak ? colour : '#fff', lineHeight: 18 },
            count: { fontSize: 11, color: weak ? colour : 'rgba(255,255,255,0.85)', lineHeight: 16 },
          },
        },
      };
    });
    const known = new Set(segments.map((s) => s.key));
    const links = segments.flatMap((segment) =>
      segment.upstream
        .filter((up) => known.has(up))
        .map((up) => {
          const from = segments.find((s) => s.key === up)!;
          // Links inside one column curve so that they do not run through the nodes between.
          return { source: up, target: segment.key, lineStyle: { curveness: from.stage === segment.stage ? 0.6 : 0.08 } };
        }),
    );
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: { dataType?: string; data: { id?: string } }) => {
          if (params.dataType !== 'node') return '';
          const segment = segments.find((s) => s.key === params.data.id);
          if (!segment) return '';
          const weak = weakLinks.get(segment.key);
          return [
            `<b>${escapeHtml(segment.name)}</b> · ${t(stageKey(segment.stage))}`,
            `${t('chains.memberCount')}: ${segment.memberCount}`,
            weak ? `<span style="color:${WEAK_LINK_COLOURS[weak.kind]}">${t(weakKey(weak.kind))}</span>` : '',
            escapeHtml(segment.products.slice(0, 6).join('、')),
          ].filter(Boolean).join('<br/>');
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'none',
          // Columns at the centres of the three stage headers above the canvas.
          left: '16.67%',
          right: '16.67%',
          top: (ROW_HEIGHT + 40) / 2,
          bottom: (ROW_HEIGHT + 40) / 2,
          roam: false,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 9,
          lineStyle: { color: '#9aa5b8', width: 1.4, opacity: 0.9 },
          emphasis: { focus: 'adjacency', lineStyle: { width: 2.4 } },
          data: [...nodes, ...frameNodes(width, rows)],
          links,
        },
      ],
    };
  }, [segments, weakLinks, selectedKey, rows, width, t]);

  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current);
    chart.current = instance;
    instance.on('click', (params) => {
      const data = params.data as { id?: string } | undefined;
      if (params.dataType === 'node' && data?.id && !data.id.startsWith('__')) onSelectRef.current(data.id);
    });
    const observer = new ResizeObserver(() => {
      setWidth(element.current?.clientWidth ?? 0);
      instance.resize();
    });
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    chart.current?.resize();
  }, [option, height]);

  return (
    <div style={{ position: 'relative' }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', textAlign: 'center', fontWeight: 600, color: '#4a5568' }}>
        {CHAIN_STAGES.map((stage) => (
          <div key={stage} data-testid={`stage-${stage}`}>
            {t(stageKey(stage))}
          </div>
        ))}
      </div>
      <div ref={element} data-testid="chain-map-canvas" style={{ width: '100%', height }} />
    </div>
  );
}

/**
 * Two invisible nodes at the corners of the grid, so that the graph's box is the whole grid even
 * when a stage is empty (ECharts fits the box of the nodes to the series area).
 */
function frameNodes(width: number, rows: number) {
  const hidden = { symbolSize: 0, label: { show: false }, silent: true, tooltip: { show: false } };
  return [
    { id: '__frame-top-left', name: '', x: 0, y: 0, ...hidden },
    { id: '__frame-bottom-right', name: '', x: (2 * width) / 3, y: (rows - 1) * ROW_HEIGHT, ...hidden },
  ];
}

/** Message key of a weak-link kind. */
export function weakKey(kind: WeakLink['kind']): MessageKey {
  return kind === 'break' ? 'chains.legendBreak' : kind === 'blockage' ? 'chains.legendBlockage' : 'chains.legendChoke';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
