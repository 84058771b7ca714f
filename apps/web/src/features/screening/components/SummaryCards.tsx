/** The figures above the alert list: open / dismissed / escalated, the last run, and open alerts per rule as a bar chart. */
import type { TAlertRule, TScreeningSummary } from '@qinglian/contracts';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { EChart } from '../../dashboard/components/EChart.tsx';
import { RunStatusTag } from '../labels.tsx';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export function SummaryCards({ summary, onRule }: { summary: TScreeningSummary | undefined; onRule: (rule: TAlertRule) => void }) {
  const t = useT();
  const ts = t.screening;
  const totals = (summary?.rules ?? []).reduce((a, r) => ({ open: a.open + r.open, dismissed: a.dismissed + r.dismissed, escalated: a.escalated + r.escalated }), { open: 0, dismissed: 0, escalated: 0 });
  const option = useMemo(() => {
    // Busiest rule on top: ECharts draws the first category at the bottom.
    const rows = [...(summary?.rules ?? [])].sort((a, b) => a.open - b.open);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 36, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: rows.map((r) => ts.rules[r.rule]), axisTick: { show: false } },
      series: [{ type: 'bar', name: ts.alerts.openTotal, data: rows.map((r) => ({ value: r.open, rule: r.rule })), barMaxWidth: 14, itemStyle: { color: '#b71c1c' }, label: { show: true, position: 'right' } }],
    };
  }, [summary, ts]);
  const last = summary?.lastRun;
  const events = useMemo(
    () => ({
      click: (p: { data?: { rule?: TAlertRule } }) => {
        if (p.data?.rule) onRule(p.data.rule);
      },
    }),
    [onRule],
  );
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="screening-summary">
      <Col xs={24} lg={9}>
        <Row gutter={[12, 12]}>
          <Col span={8}>
            <Card size="small" data-testid="figure-open">
              <Statistic title={ts.alerts.openTotal} value={totals.open} />
            </Card>
          </Col>
          <Col span={8}>
            <Card size="small" data-testid="figure-dismissed">
              <Statistic title={ts.alerts.dismissedTotal} value={totals.dismissed} />
            </Card>
          </Col>
          <Col span={8}>
            <Card size="small" data-testid="figure-escalated">
              <Statistic title={ts.alerts.escalatedTotal} value={totals.escalated} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={ts.alerts.lastRun}>
              {last ? (
                <Typography.Paragraph style={{ margin: 0 }}>
                  <RunStatusTag status={last.status} /> {last.institutionName ?? ts.common.allInstitutions} · {last.from && last.to ? `${last.from} ~ ${last.to}` : ts.runs.defaultWindow} ·{' '}
                  {formatDateTime(last.createdAt)}
                </Typography.Paragraph>
              ) : (
                <Typography.Paragraph style={{ margin: 0 }}>{ts.alerts.noRun}</Typography.Paragraph>
              )}
              {summary && (
                <Typography.Text type="secondary" data-testid="summary-facts">
                  {ts.alerts.facts(summary.facts.purchaseLines, summary.facts.platformRecords, summary.facts.prescriptionLines)}
                </Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      </Col>
      <Col xs={24} lg={15}>
        <Card size="small" title={ts.alerts.openByRule} data-testid="open-by-rule">
          <EChart option={option} events={events} style={{ height: 230, width: '100%' }} />
        </Card>
      </Col>
    </Row>
  );
}
