/** The risk heat map (department × level) and the likelihood × impact matrix (5×5 by default), as ECharts heatmaps. */
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { EChart } from '../../dashboard/components/EChart.tsx';
import { LEVEL_COLOR, levelKeys, levelOfScore } from '../labels.tsx';
import type { RiskSummary } from '../types.ts';

// Only the parts used; SVG prints crisply.
echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/** Points per department and level; darker cells hold more points. */
export function DepartmentHeatMap({ heat }: { heat: RiskSummary['heat'] }) {
  const t = useT();
  const option = useMemo(() => {
    const levels = levelKeys(t);
    // ECharts draws the first category at the bottom; reverse so the busiest department is on top.
    const rows = [...heat].reverse();
    const data = rows.flatMap((h, y) => levels.map((l, x) => [x, y, h[l]]));
    const max = Math.max(1, ...data.map((d) => d[2]!));
    return {
      tooltip: { formatter: (p: { value: number[] }) => `${rows[p.value[1]!]!.departmentName}<br/>${t.supervision.levels[levels[p.value[0]!]!]}：${p.value[2]}` },
      grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: levels.map((l) => t.supervision.levels[l]), splitArea: { show: true } },
      yAxis: { type: 'category', data: rows.map((h) => h.departmentName), splitArea: { show: true }, axisLabel: { width: 140, overflow: 'truncate' } },
      visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#fff7e6', '#ffc069', '#fa541c', '#a8071a'] } },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : '') }, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [heat, t]);
  const height = Math.max(220, heat.length * 34 + 90);
  return (
    <div data-testid="risk-heatmap">
      <EChart option={option} style={{ height, width: '100%' }} />
    </div>
  );
}

/**
 * Likelihood (rows, highest on top) × impact (columns) on the institution's scale: each cell is coloured
 * by the level its score falls in and labelled with how many points sit there.
 */
export function RiskMatrix({ matrix, scale }: { matrix: number[][]; scale: RiskSummary['scale'] }) {
  const t = useT();
  const tr = t.supervision.risk;
  const option = useMemo(() => {
    const rows = Array.from({ length: scale.likelihoodLevels }, (_, k) => k + 1);
    const cols = Array.from({ length: scale.impactLevels }, (_, k) => k + 1);
    const data = rows.flatMap((l) =>
      cols.map((i) => {
        const n = matrix[l - 1]?.[i - 1] ?? 0;
        return { value: [i - 1, l - 1, n], itemStyle: { color: LEVEL_COLOR[levelOfScore(l * i, scale)], opacity: n ? 1 : 0.35, borderColor: '#fff', borderWidth: 2 } };
      }),
    );
    return {
      tooltip: {
        formatter: (p: { value: number[] }) => {
          const [i, l, n] = [p.value[0]! + 1, p.value[1]! + 1, p.value[2]!];
          return `${tr.scoreOf(l, i, l * i)} · ${t.supervision.levels[levelOfScore(l * i, scale)]}<br/>${tr.pointsN(n)}`;
        },
      },
      grid: { left: 40, right: 8, top: 8, bottom: 40, containLabel: true },
      xAxis: { type: 'category', name: tr.impact, nameLocation: 'middle', nameGap: 28, data: cols.map((s) => `${s}`), splitArea: { show: false } },
      yAxis: { type: 'category', name: tr.likelihood, nameLocation: 'middle', nameGap: 28, data: rows.map((s) => `${s}`), splitArea: { show: false } },
      series: [{ type: 'heatmap', data, label: { show: true, color: '#fff', fontSize: scale.impactLevels > 7 ? 12 : 16, fontWeight: 'bold', formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : '') } }],
    };
  }, [matrix, scale, t, tr]);
  const side = Math.max(340, scale.likelihoodLevels * 52 + 60);
  return (
    <div data-testid="risk-matrix">
      <EChart option={option} style={{ height: side, width: '100%', maxWidth: Math.max(420, scale.impactLevels * 60 + 80) }} />
    </div>
  );
}
