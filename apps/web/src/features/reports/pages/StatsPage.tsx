/** 举报统计: reports, handling, ratings and praise for a period — cards, charts, tables, export. */
import type { TReportStats } from '@qinglian/contracts';
import { Alert, Card, Col, DatePicker, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { InstitutionSelect } from '../../org/components/Pickers.tsx';
import { useReportStats } from '../api.ts';
import '../reports.css';

// ECharts loads after the figures are on screen.
const StatsCharts = lazy(() => import('../components/StatsCharts.tsx').then((m) => ({ default: m.StatsCharts })));

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));

export default function StatsPage() {
  const t = useT();
  const tr = t.reports;
  usePageTitle(tr.statsTitle);
  const regionUser = useScope() === 'region';
  const list = useListParams();
  const { page: _p, pageSize: _s, ...query } = list.query;
  const { data: s, error, isLoading } = useReportStats(query);
  const from = list.value('from');
  const to = list.value('to');

  const cards: { key: string; label: string; value: string | number; danger?: boolean }[] = s
    ? [
        { key: 'reports', label: tr.figReports, value: s.reports },
        { key: 'open', label: tr.figOpen, value: s.open },
        { key: 'overdue', label: tr.figOverdue, value: s.overdue, danger: s.overdue > 0 },
        { key: 'closed', label: tr.figClosed, value: s.closed },
        { key: 'median', label: tr.figMedianDays, value: num(s.medianDaysToClose) },
        { key: 'substantiation', label: tr.figSubstantiation, value: pct(s.substantiationRate) },
        { key: 'anonymous', label: tr.figAnonymous, value: pct(s.anonymousShare) },
        { key: 'followUp', label: tr.figFollowUp, value: pct(s.followUpRate) },
        { key: 'ratings', label: tr.figRatings, value: s.ratings },
        { key: 'stars', label: tr.figAvgStars, value: num(s.avgStars) },
        { key: 'praise', label: tr.figPraise, value: s.praise },
      ]
    : [];

  return (
    <>
      <PageHeader
        title={tr.statsTitle}
        extra={
          <>
            <ExportButton path="/api/reports/stats/export" query={query} filename={`${tr.statsTitle}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <Flex gap={8} wrap className="ql-no-print" style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          aria-label={t.common.dateRange}
          data-testid="filter-dates"
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(r) => list.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        {regionUser && (
          <InstitutionSelect
            aria-label={t.org.institutionFilter}
            placeholder={t.org.allInstitutions}
            allowClear
            value={list.value('institutionId')}
            onChange={(v) => list.set({ institutionId: v })}
            data-testid="filter-institution"
          />
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error.message} />}
      {isLoading && <Skeleton active />}
      {s && (
        <>
          <Row gutter={[12, 12]} data-testid="stats-figures">
            {cards.map((c) => (
              <Col key={c.key} xs={12} md={8} xl={6} xxl={4}>
                <Card size="small" className="ql-stat-card" data-testid={`figure-${c.key}`}>
                  <Statistic title={c.label} value={c.value} styles={c.danger ? { content: { color: '#cf1322' } } : undefined} />
                </Card>
              </Col>
            ))}
          </Row>
          <div style={{ marginTop: 16 }}>
            <Suspense fallback={<Skeleton active />}>
              <StatsCharts s={s} />
            </Suspense>
          </div>
          <Tables s={s} />
        </>
      )}
    </>
  );
}

function Tables({ s }: { s: TReportStats }) {
  const t = useT();
  const tr = t.reports;
  const stars = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      {s.institutionRanking.length > 0 && (
        <Col xs={24}>
          <Card size="small" title={tr.institutionRanking}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="institution-ranking"
              dataSource={s.institutionRanking.map((r, i) => ({ ...r, rank: i + 1 }))}
              columns={[
                { title: tr.rank, dataIndex: 'rank', width: 60 },
                { title: tr.institution, dataIndex: 'name' },
                { title: tr.figReports, dataIndex: 'reports' },
                { title: tr.figOverdue, dataIndex: 'overdue', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
                { title: tr.figAvgStars, dataIndex: 'avgStars', render: stars },
                { title: tr.seriesPraise, dataIndex: 'praise' },
                { title: tr.figMedianDays, dataIndex: 'medianDaysToClose', render: (v: number | null) => num(v) },
              ]}
            />
          </Card>
        </Col>
      )}
      <Col xs={24} xl={12}>
        <Card size="small" title={tr.departmentRatings}>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="department-ratings"
            dataSource={s.departmentRatings}
            columns={[
              { title: tr.department, dataIndex: 'name' },
              { title: tr.seriesRatings, dataIndex: 'ratings', sorter: (a, b) => a.ratings - b.ratings },
              { title: tr.figAvgStars, dataIndex: 'avgStars', render: stars, sorter: (a, b) => (a.avgStars ?? 0) - (b.avgStars ?? 0) },
              { title: tr.seriesPraise, dataIndex: 'praise', sorter: (a, b) => a.praise - b.praise },
              { title: tr.seriesReports, dataIndex: 'reports', sorter: (a, b) => a.reports - b.reports },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={tr.clinicianRatings}>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="clinician-ratings"
            dataSource={s.clinicianRatings}
            columns={[
              { title: tr.clinician, dataIndex: 'name' },
              { title: tr.department, dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
              { title: tr.seriesRatings, dataIndex: 'ratings' },
              { title: tr.figAvgStars, dataIndex: 'avgStars', render: stars },
              { title: tr.seriesPraise, dataIndex: 'praise' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
