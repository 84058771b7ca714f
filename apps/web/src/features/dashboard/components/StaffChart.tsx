/** Horizontal bars of staff per institution or department (long Chinese names read better sideways). */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from './EChart.tsx';

// Only the parts used; the full echarts bundle is several times larger. SVG prints crisply.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface Series {
  name: string;
  values: number[];
}

/** Bar chart of one or two series per category. */
export function StaffChart({ categories, series }: { categories: string[]; series: Series[] }) {
  const option = useMemo(() => {
    // ECharts draws the first category at the bottom; reverse so the list reads top-down.
    const cats = [...categories].reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { show: series.length > 1, top: 0 },
      grid: { left: 8, right: 32, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: cats, axisLabel: { width: 160, overflow: 'truncate' } },
      series: series.map((s, i) => ({
        name: s.name,
        type: 'bar',
        data: [...s.values].reverse(),
        barMaxWidth: 18,
        label: { show: true, position: 'right' },
        itemStyle: { color: i === 0 ? '#1f5fbf' : '#e0a23a', borderRadius: [0, 3, 3, 0] },
      })),
    };
  }, [categories, series]);
  const height = Math.max(240, categories.length * (series.length > 1 ? 34 : 26) + 60);
  return (
    <div data-testid="staff-chart">
      <EChart option={option} style={{ height, width: '100%' }} />
    </div>
  );
}
