/** The charts of the report figures: monthly trend, by category, by channel, by department. */
import type { TReportStats } from '@qinglian/contracts';
import { Card, Col, Empty, Row } from 'antd';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { EChart } from '../../dashboard/components/EChart.tsx';

// Only the parts used (see dashboard/components/StaffChart.tsx).
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

const COLORS = ['#b71c1c', '#1f5fbf', '#e0a23a', '#3a8f5c', '#7b4fb5', '#2aa5a0', '#8c8c8c'];

function ChartCard({ title, empty, children, testId }: { title: string; empty: boolean; children: React.ReactNode; testId: string }) {
  const t = useT();
  return (
    <Card size="small" title={title} data-testid={testId}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.common.noData} /> : children}
    </Card>
  );
}

export function StatsCharts({ s }: { s: TReportStats }) {
  const t = useT();
  const tr = t.reports;
  const trend = useMemo(
    () => ({
      color: COLORS,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: tr.seriesReports, type: 'line', data: s.byMonth.map((m) => m.reports), smooth: true },
        { name: tr.seriesRatings, type: 'line', data: s.byMonth.map((m) => m.ratings), smooth: true },
        { name: tr.seriesPraise, type: 'line', data: s.byMonth.map((m) => m.praise), smooth: true },
      ],
    }),
    [s.byMonth, tr],
  );
  const pie = (rows: { key: string; label?: string; count: number }[], label: (k: string) => string) => ({
    color: COLORS,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: rows.map((r) => ({ name: r.label ?? label(r.key), value: r.count })), label: { formatter: '{b}\n{c}' } }],
  });
  const bars = (rows: { key: string; label?: string; count: number }[], label: (k: string) => string) => {
    const cats = rows.map((r) => r.label ?? label(r.key)).reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: cats, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: rows.map((r) => r.count).reverse(), barMaxWidth: 18, label: { show: true, position: 'right' }, itemStyle: { color: '#b71c1c' } }],
    };
  };
  const catLabel = (k: string) => tr.categories[k as keyof typeof tr.categories] ?? k;
  const chanLabel = (k: string) => tr.channels[k as keyof typeof tr.channels] ?? k;
  const depts = s.byDepartment.slice(0, 15);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <ChartCard title={tr.chartTrend} empty={!s.byMonth.length} testId="chart-trend">
          <EChart option={trend} style={{ height: 280, width: '100%' }} />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={tr.chartCategory} empty={!s.byCategory.length} testId="chart-category">
          <EChart option={bars(s.byCategory, catLabel)} style={{ height: Math.max(220, s.byCategory.length * 30 + 40), width: '100%' }} />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={tr.chartChannel} empty={!s.byChannel.length} testId="chart-channel">
          <EChart option={pie(s.byChannel, chanLabel)} style={{ height: 260, width: '100%' }} />
        </ChartCard>
      </Col>
      <Col xs={24}>
        <ChartCard title={tr.chartDepartment} empty={!depts.length} testId="chart-department">
          <EChart option={bars(depts, (k) => k)} style={{ height: Math.max(220, depts.length * 28 + 40), width: '100%' }} />
        </ChartCard>
      </Col>
    </Row>
  );
}
