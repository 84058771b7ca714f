/** 接待统计: visits by company, rep and department for a period, who is on site, and unusual patterns. */
import type { TRepFigures } from '@qinglian/contracts';
import { Alert, Card, Col, DatePicker, Empty, List, Progress, Row, Space, Statistic, Tag } from 'antd';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { fromIsoDate, toIsoDate } from '../../../lib/time.ts';
import { OrgFilters } from '../../org/components/OrgFilters.tsx';
import { useFigures } from '../api.ts';

function Bars({ title, rows, testId }: { title: string; rows: TRepFigures['byCompany']; testId: string }) {
  const t = useT();
  const max = Math.max(1, ...rows.map((r) => r.visits));
  return (
    <Card title={title} size="small" data-testid={testId}>
      {rows.length ? (
        rows.slice(0, 10).map((r) => (
          <div key={r.id} style={{ marginBottom: 6 }}>
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <span>{r.name}</span>
              <strong>{r.visits}</strong>
            </Space>
            <Progress percent={(r.visits / max) * 100} showInfo={false} size="small" strokeColor="#b71c1c" />
          </div>
        ))
      ) : (
        <Empty description={t.common.noData} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

export default function FiguresPage() {
  const t = useT();
  const tr = t.reps;
  const tf = tr.figures;
  usePageTitle(tf.title);
  const list = useListParams();
  const { data } = useFigures({ from: list.value('from'), to: list.value('to'), institutionId: list.value('institutionId') });
  return (
    <>
      <PageHeader
        title={tf.title}
        subtitle={tf.subtitle}
        extra={
          <Space wrap>
            <OrgFilters list={list} department={false} />
            <DatePicker.RangePicker
              aria-label={tr.common.period}
              value={[fromIsoDate(list.value('from') ?? data?.from), fromIsoDate(list.value('to') ?? data?.to)]}
              onChange={(r) => list.set({ from: toIsoDate(r?.[0]), to: toIsoDate(r?.[1]) })}
            />
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={tf.total} value={data?.visits ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={tf.onSite} value={data?.onSite ?? 0} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={tf.unusual} data-testid="unusual">
            {data?.unusual.length ? (
              <List
                size="small"
                dataSource={data.unusual}
                renderItem={(u) => (
                  <List.Item>
                    <Space wrap>
                      <Tag color="volcano">{tr.unusual[u.kind]}</Tag>
                      {u.repName ?? u.hostName}
                      {u.companyName && `（${u.companyName}）`}
                      {tf.value(u.value, u.limit)}
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Alert type="success" title={tf.noUnusual} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Bars title={tf.byCompany} rows={data?.byCompany ?? []} testId="by-company" />
        </Col>
        <Col xs={24} md={8}>
          <Bars title={tf.byRep} rows={data?.byRep ?? []} testId="by-rep" />
        </Col>
        <Col xs={24} md={8}>
          <Bars title={tf.byDepartment} rows={data?.byDepartment ?? []} testId="by-department" />
        </Col>
      </Row>
    </>
  );
}
