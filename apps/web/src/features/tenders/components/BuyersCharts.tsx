/**
 * The buyers side by side as ECharts bars: flagged processes per buyer stacked by flag, and each buyer's
 * flagged share beside its top supplier's share of the spending.
 */
import type { TTenderBuyer, TTenderFlagCode } from '@qinglian/contracts';
import { Card, Col, Empty, Row } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { EChart } from '../../dashboard/components/EChart.tsx';
import { flagCodes } from '../labels.tsx';

// Only the parts used; SVG prints crisply.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Reds for the indicators, ambers for the hospital flags. */
const COLORS: Record<string, string> = {
  R003: '#a8071a',
  R018: '#cf1322',
  R024: '#f5222d',
  R025: '#ff4d4f',
  R028: '#ff7875',
  R030: '#d4380d',
  R035: '#fa541c',
  R036: '#ff7a45',
  R038: '#ad2102',
  R048: '#873800',
  R058: '#ffa39e',
  H01: '#d48806',
  H02: '#faad14',
  H03: '#ffd666',
};

const label = (b: TTenderBuyer, unknown: string) => b.buyerName ?? b.buyerId ?? unknown;

export function BuyersCharts({ buyers }: { buyers: TTenderBuyer[] }) {
  const t = useT();
  const tb = t.tenders.buyers;
  const shown = useMemo(() => buyers.slice(0, 15), [buyers]);
  const flagsOption = useMemo(() => {
    // ECharts draws the first category at the bottom: reverse so the list's first buyer is on top.
    const rows = [...shown].reverse();
    const codes = flagCodes(t).filter((c) => rows.some((b) => (b.flagCounts[c] ?? 0) > 0));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((b) => label(b, tb.unknownBuyer)), axisLabel: { width: 150, overflow: 'truncate' } },
      series: codes.map((c: TTenderFlagCode) => ({
        name: `${c} ${t.tenders.flags[c]}`,
        type: 'bar',
        stack: 'flags',
        barMaxWidth: 18,
        itemStyle: { color: COLORS[c] },
        data: rows.map((b) => b.flagCounts[c] ?? 0),
      })),
    };
  }, [shown, t, tb]);
  const sharesOption = useMemo(() => {
    const rows = [...shown].reverse();
    const pct = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0 },
      grid: { left: 8, right: 32, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((b) => label(b, tb.unknownBuyer)), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [
        { name: tb.seriesFlagged, type: 'bar', barMaxWidth: 12, itemStyle: { color: '#cf1322' }, data: rows.map((b) => pct(b.flaggedShare)) },
        { name: tb.seriesTop, type: 'bar', barMaxWidth: 12, itemStyle: { color: '#1f5fbf' }, data: rows.map((b) => pct(b.topSupplierShare)) },
      ],
    };
  }, [shown, tb]);
  const height = Math.max(240, shown.length * 30 + 80);
  const empty = shown.length === 0;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={14}>
        <Card size="small" title={tb.chartFlags} extra={<span className="ql-muted">{tb.chartNote(shown.length)}</span>} data-testid="buyers-chart">
          {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.common.noData} /> : <EChart option={flagsOption} style={{ height, width: '100%' }} />}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={tb.chartShares} data-testid="buyers-shares-chart">
          {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.common.noData} /> : <EChart option={sharesOption} style={{ height, width: '100%' }} />}
        </Card>
      </Col>
    </Row>
  );
}
