/** 清廉查房: the figures (rounds, findings by kind, rectification on time) and the list of rounds. */
import { PlusOutlined } from '@ant-design/icons';
import type { TRound } from '@qinglian/contracts';
import { Button, Card, Col, Row, Space, Statistic, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useRoundFigures, useRounds } from '../api.ts';
import { RoundForm } from '../components/RoundForm.tsx';
import { RoundStatusTag } from '../labels.tsx';

function Figures() {
  const t = useT();
  const tf = t.supervision.round.figures;
  const { data } = useRoundFigures();
  if (!data) return null;
  const kinds = t.supervision.findingKinds as Record<string, string>;
  const cards = [
    { key: 'rounds', label: tf.rounds, value: data.rounds },
    { key: 'findings', label: tf.findings, value: data.findings },
    { key: 'accepted', label: tf.accepted, value: data.accepted },
    { key: 'overdue', label: tf.overdue, value: data.overdue, danger: data.overdue > 0 },
    { key: 'on-time', label: tf.onTime, value: data.onTimeRate === null ? '—' : `${Math.round(data.onTimeRate * 1000) / 10}%` },
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 8 }}>
        {cards.map((c) => (
          <Col xs={12} md={8} lg={4} key={c.key}>
            <Card size="small" data-testid={`figure-${c.key}`}>
              <Statistic title={c.label} value={c.value} styles={{ content: c.danger ? { color: '#cf1322' } : undefined }} />
            </Card>
          </Col>
        ))}
      </Row>
      {data.byKind.length > 0 && (
        <Space wrap size={4} style={{ marginBottom: 16 }} data-testid="findings-by-kind">
          <span className="ql-muted">{tf.byKind}</span>
          {data.byKind.map((k) => (
            <Tag key={k.kind}>{t.common.labelled(kinds[k.kind] ?? k.kind, String(k.count))}</Tag>
          ))}
        </Space>
      )}
    </>
  );
}

export default function RoundsPage() {
  const t = useT();
  const tr = t.supervision.round;
  usePageTitle(tr.title);
  const manage = useCan()('inspection.manage');
  const list = useListParams();
  const { data, isFetching, error } = useRounds(list.query);
  const [planning, setPlanning] = useState(false);
  const columns: TableColumnsType<TRound> = [
    { title: tr.name, dataIndex: 'title', key: 'title', render: (v: string, r) => <Link to={`/supervision/rounds/${r.id}`}>{v}</Link> },
    { title: tr.plannedOn, dataIndex: 'plannedOn', key: 'plannedOn', render: formatDate },
    { title: tr.methods, dataIndex: 'methods', key: 'methods', render: (v: TRound['methods']) => v.map((m) => <Tag key={m}>{t.supervision.methods[m]}</Tag>) },
    { title: tr.departments, dataIndex: 'departmentNames', key: 'departments', render: (v: string[]) => <div style={{ maxWidth: 240 }}>{v.join('、')}</div> },
    { title: tr.team, dataIndex: 'teamNames', key: 'team', render: (v: string[]) => <div style={{ maxWidth: 200 }}>{v.join('、')}</div> },
    { title: tr.progress, key: 'progress', render: (_v, r) => tr.progressOf(r.results.length, r.departmentIds.length) },
    { title: tr.findings, dataIndex: 'findings', key: 'findings', align: 'right' },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (v: TRound['status']) => <RoundStatusTag status={v} /> },
  ];
  return (
    <>
      <PageHeader
        title={tr.title}
        extra={
          <>
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="create-button">
                {tr.plan}
              </Button>
            )}
            <PrintButton />
          </>
        }
      />
      <Figures />
      <ListTable<TRound> testId="rounds-table" list={list} data={data} loading={isFetching} error={error} columns={columns} />
      <RoundForm open={planning} onClose={() => setPlanning(false)} />
    </>
  );
}
