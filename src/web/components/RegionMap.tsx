import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useEChart } from '../lib/useEChart';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface RegionMapDatum {
  code: string;
  name: string;
  value: number;
}

interface RegionMapProps {
  /** The parent region whose outlines `geoJson` holds (the map's registered name). */
  mapCode: string;
  geoJson: object;
  data: RegionMapDatum[];
  /** Name of the figure shown (tooltip and legend). */
  figureName: string;
  onPick: (code: string) => void;
  height?: number;
}

/** A choropleth of one figure over a region's subordinate regions (features matched by GB/T 2260 code). */
export default function RegionMap({ mapCode, geoJson, data, figureName, onPick, height = 420 }: RegionMapProps) {
  const codes = useRef(new Map<string, string>());
  const { element, chart } = useEChart((params) => {
    const code = codes.current.get(params.name);
    if (code) onPick(code);
  });

  useEffect(() => {
    const mapName = `region-${mapCode}`;
    if (!echarts.getMap(mapName)) echarts.registerMap(mapName, geoJson as Parameters<typeof echarts.registerMap>[1]);
    codes.current = new Map(data.map((d) => [d.name, d.code]));
    const max = Math.max(1, ...data.map((d) => d.value));
    chart.current?.setOption(
      {
        tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}<br/>${figureName}：${Number.isFinite(p.value) ? p.value : 0}` },
        visualMap: { min: 0, max, left: 10, bottom: 10, calculable: true, text: [String(max), '0'], inRange: { color: ['#f0f5ff', '#adc6ff', '#2f54eb', '#10239e'] } },
        series: [
          {
            type: 'map',
            map: mapName,
            nameProperty: 'code',
            nameMap: Object.fromEntries(data.map((d) => [d.code, d.name])),
            roam: true,
            label: { show: data.length <= 20, fontSize: 10 },
            emphasis: { label: { show: true } },
            data: data.map((d) => ({ name: d.name, value: d.value })),
          },
        ],
      },
      true,
    );
    chart.current?.resize();
  }, [mapCode, geoJson, data, figureName]);

  return <div ref={element} style={{ width: '100%', height, cursor: 'pointer' }} data-testid="region-map" />;
}
