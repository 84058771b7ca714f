/** The small charts of the alert page: a doctor's share against peers, monthly use with visits or a spike, orders against the threshold. */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { EChart } from '../../dashboard/components/EChart.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

const RED = '#b71c1c';
const GREY = '#bfbfbf';
const p = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** Every peer's share (anonymous, ascending) and the doctor's, with the peers' median and P90 as lines. */
export function PeerShareChart({ share, peers, median, p90, testId = 'peer-chart' }: { share: number; peers: number[]; median: number; p90: number; testId?: string }) {
  const t = useT();
  const ev = t.screening.ev;
  const option = useMemo(() => {
    const sorted = [...peers].sort((a, b) => a - b);
    const cats = [...sorted.map((_, i) => ev.peerN(i + 1)), ev.doctorShare];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => p(v) },
      grid: { left: 8, right: 16, top: 24, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 26,
          data: [...sorted.map((v) => ({ value: v, itemStyle: { color: GREY } })), { value: share, itemStyle: { color: RED } }],
          label: { show: true, position: 'top', formatter: (x: { value: number }) => p(x.value), fontSize: 10 },
          markLine: {
            symbol: 'none',
            data: [
              { yAxis: median, name: ev.peerMedian, lineStyle: { color: '#1677ff', type: 'dashed' }, label: { position: 'insideStartBottom', formatter: `${ev.peerMedian} ${p(median)}`, color: '#1677ff' } },
              { yAxis: p90, name: ev.peerP90, lineStyle: { color: '#fa8c16', type: 'dashed' }, label: { position: 'insideStartTop', formatter: `${ev.peerP90} ${p(p90)}`, color: '#fa8c16' } },
            ],
          },
        },
      ],
    };
  }, [share, peers, median, p90, ev]);
  return (
    <div data-testid={testId} style={{ marginBottom: 16 }}>
      <EChart option={option} style={{ height: 260, width: '100%' }} />
    </div>
  );
}

/** The company's lines against all the doctor's lines per month, with a marker at each visit's month. */
export function VisitTimelineChart({ monthly, visitMonths }: { monthly: { month: string; company_lines: number; all_lines: number }[]; visitMonths: { month: string; count: number }[] }) {
  const t = useT();
  const ev = t.screening.ev;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: monthly.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: ev.companyLines,
          data: monthly.map((m) => m.company_lines),
          itemStyle: { color: RED },
          lineStyle: { width: 3 },
          markLine: {
            symbol: ['none', 'none'],
            data: visitMonths.map((v) => ({ xAxis: v.month, label: { formatter: `${ev.visitMark}×${v.count}`, color: '#fa8c16' }, lineStyle: { color: '#fa8c16', type: 'dashed' } })),
          },
        },
        { type: 'line', name: ev.allLines, data: monthly.map((m) => m.all_lines), itemStyle: { color: '#8c8c8c' }, lineStyle: { type: 'dotted' } },
      ],
    }),
    [monthly, visitMonths, ev],
  );
  return (
    <div data-testid="visit-chart">
      <EChart option={option} style={{ height: 280, width: '100%' }} />
    </div>
  );
}

/** Monthly quantity with the flagged month in red and the history mean as a line. */
export function SpikeChart({ series, month, mean }: { series: { month: string; quantity: number }[]; month: string; mean: number }) {
  const t = useT();
  const ev = t.screening.ev;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: series.map((s) => s.month), axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          name: ev.quantity,
          barMaxWidth: 22,
          data: series.map((s) => ({ value: s.quantity, itemStyle: { color: s.month === month ? RED : GREY } })),
          markLine: { symbol: 'none', data: [{ yAxis: mean, label: { position: 'insideEndTop', formatter: `${ev.historyMean} ${mean}`, color: '#1677ff' }, lineStyle: { color: '#1677ff', type: 'dashed' } }] },
        },
      ],
    }),
    [series, month, mean, ev],
  );
  return (
    <div data-testid="spike-chart" style={{ marginBottom: 8 }}>
      <EChart option={option} style={{ height: 260, width: '100%' }} />
    </div>
  );
}

/** Each order's total against the tender threshold and the "just under" bound. */
export function OrdersChart({ orders, threshold, lower }: { orders: { order_id: string; amount: string }[]; threshold: number; lower: number }) {
  const t = useT();
  const ev = t.screening.ev;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: orders.map((o) => o.order_id), axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', max: Math.ceil(threshold * 1.15) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 30,
          data: orders.map((o) => Number(o.amount)),
          itemStyle: { color: RED },
          markLine: {
            symbol: 'none',
            data: [
              { yAxis: threshold, label: { position: 'insideEndTop', formatter: `${ev.threshold} ${threshold}`, color: RED }, lineStyle: { color: RED } },
              { yAxis: lower, label: { position: 'insideEndTop', formatter: `${ev.lowerBound} ${lower}`, color: '#8c8c8c' }, lineStyle: { color: '#8c8c8c', type: 'dashed' } },
            ],
          },
        },
      ],
    }),
    [orders, threshold, lower, ev],
  );
  return (
    <div data-testid="orders-chart" style={{ marginBottom: 16 }}>
      <EChart option={option} style={{ height: 240, width: '100%' }} />
    </div>
  );
}
