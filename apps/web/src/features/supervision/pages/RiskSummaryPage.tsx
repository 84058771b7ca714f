/** 风险分布: counts of points and measures, a heat map by department × level and the 5×5 matrix. */
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useCan } from '../../../lib/session.tsx';
import { InstitutionSelect } from '../../org/components/Pickers.tsx';
import { useRiskSummary } from '../api.ts';
import { MatrixSettings } from '../components/MatrixSettings.tsx';
import { DepartmentHeatMap, RiskMatrix } from '../components/RiskCharts.tsx';
import { LEVEL_COLOR, levelKeys } from '../labels.tsx';
import type { RiskSummary } from '../types.ts';

type Heat = RiskSummary['heat'][number];
type Unit = RiskSummary['byInstitution'][number];

export default function RiskSummaryPage() {
  const t = useT();
  const tr = t.supervision.risk;
  usePageTitle(tr.summaryTitle);
  const regionUser = useScope() === 'region';
  const can = useCan();
  // Region users see the whole region, or one institution they pick (kept in the address bar).
  const [sp, setSp] = useSearchParams();
  const institutionId = regionUser ? (sp.get('institutionId') ?? undefined) : undefined;
  const { data, isLoading, error } = useRiskSummary(institutionId ? { institutionId } : {});
  const tm = t.supervision.more.risk;
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;

  const levels = levelKeys(t);
  const columns: TableColumnsType<Heat> = [
    {
      title: t.supervision.department,
      dataIndex: 'departmentName',
      key: 'department',
      render: (v: string, h) => (h.departmentId ? <Link to={`/supervision/risks?departmentId=${h.departmentId}`}>{v}</Link> : v),
    },
    ...levels.map((l) => ({ title: t.supervision.levels[l], dataIndex: l, key: l, align: 'right' as const, render: (n: number) => (n ? <b style={{ color: LEVEL_COLOR[l] }}>{n}</b> : 0) })),
    { title: tr.points, key: 'points', align: 'right', render: (_v, h) => levels.reduce((s, l) => s + h[l], 0) },
    { title: tr.measures, dataIndex: 'measures', key: 'measures', align: 'right' },
  ];
  const unitColumns: TableColumnsType<Unit> = [
    {
      title: tm.institution,
      dataIndex: 'institutionName',
      key: 'institution',
      render: (v: string, u) => (
        <Link to={`?institutionId=${u.institutionId}`} data-testid="institution-link">
          {v}
        </Link>
      ),
    },
    { title: tr.points, dataIndex: 'points', key: 'points', align: 'right' },
    { title: tr.measures, dataIndex: 'measures', key: 'measures', align: 'right' },
    { title: tm.highCritical, key: 'hc', align: 'right', render: (_v, u) => (u.high + u.critical ? <b style={{ color: LEVEL_COLOR.critical }}>{u.high + u.critical}</b> : 0) },
    { title: '', key: 'sentence', render: (_v, u) => <Typography.Text type="secondary">{tm.institutionTotals(u.points, u.measures)}</Typography.Text> },
  ];
  return (
    <>
      <PageHeader
        title={tr.summaryTitle}
        subtitle={<span data-testid="risk-totals">{tr.totals(data.points, data.measures)}</span>}
        extra={
          <>
            {regionUser && (
              <InstitutionSelect
                aria-label={t.supervision.institution}
                placeholder={t.supervision.institution}
                allowClear
                value={institutionId}
                onChange={(v?: string) => setSp(v ? { institutionId: v } : {})}
                data-testid="summary-institution"
              />
            )}
            <PrintButton />
          </>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6} lg={4}>
          <Card size="small" data-testid="figure-points">
            <Statistic title={tr.points} value={data.points} />
          </Card>
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Card size="small" data-testid="figure-measures">
            <Statistic title={tr.measures} value={data.measures} />
          </Card>
        </Col>
        {data.byLevel.map((b) => (
          <Col xs={12} md={6} lg={3} key={b.level}>
            <Card size="small" data-testid={`figure-${b.level}`}>
              <Statistic title={tr.levelPoints(t.supervision.levels[b.level])} value={b.count} styles={{ content: { color: LEVEL_COLOR[b.level] } }} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6} lg={4}>
          <Link to="/supervision/risks?reviewOverdue=true">
            <Card size="small" hoverable data-testid="figure-overdue">
              <Statistic title={tr.overdueReviews} value={data.reviewOverdue} styles={{ content: { color: data.reviewOverdue ? '#cf1322' : undefined } }} />
            </Card>
          </Link>
        </Col>
      </Row>
      {!regionUser && can('inspection.manage') && (
        <div style={{ marginBottom: 16 }}>
          <MatrixSettings />
        </div>
      )}
      {data.points === 0 ? (
        <Empty description={tr.noPoints} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card size="small" title={tr.heatTitle}>
              <DepartmentHeatMap heat={data.heat} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={tr.matrixTitle}>
              <RiskMatrix matrix={data.matrix} scale={data.scale} />
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {tm.scaleOf(data.scale.likelihoodLevels, data.scale.impactLevels)} · {tm.matrixHint(data.scale.medium, data.scale.high, data.scale.critical)}
              </Typography.Paragraph>
            </Card>
          </Col>
          {regionUser && !institutionId && (
            <Col span={24}>
              <Card size="small" title={tm.byInstitution}>
                <div data-testid="institution-table">
                  <Table<Unit> rowKey="institutionId" size="small" pagination={false} columns={unitColumns} dataSource={data.byInstitution} />
                </div>
              </Card>
            </Col>
          )}
          <Col span={24}>
            <Card size="small" title={tr.byDepartment}>
              <div data-testid="heat-table">
                <Table<Heat> rowKey={(h) => h.departmentId ?? 'none'} size="small" pagination={false} columns={columns} dataSource={data.heat} />
              </div>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
