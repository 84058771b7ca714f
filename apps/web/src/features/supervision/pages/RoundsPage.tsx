/** 清廉查房: the figures for a period (rounds, findings by kind, rectification on time) and the filtered list of rounds. */
import { PlusOutlined } from '@ant-design/icons';
import type { TRound } from '@qinglian/contracts';
import { Button, Card, Col, DatePicker, Row, Select, Space, Statistic, type TableColumnsType, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { type ListParams, useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { useCan, useMe } from '../../../lib/session.tsx';
import { formatDate, fromIsoDate, nowInChina, toIsoDate } from '../../../lib/time.ts';
import { DepartmentSelect } from '../../org/components/Pickers.tsx';
import { useRoundFigures, useRounds } from '../api.ts';
import { RoundForm } from '../components/RoundForm.tsx';
import { methodKeys, RoundStatusTag } from '../labels.tsx';

function Figures({ from, to }: { from?: string; to?: string }) {
  const t = useT();
  const tf = t.supervision.round.figures;
  const tr = t.supervision.round;
  const { data } = useRoundFigures({ from, to });
  if (!data) return null;
  const kinds = t.supervision.findingKinds as Record<string, string>;
  const cards = [
    { key: 'rounds', label: tf.rounds, value: data.rounds },
    { key: 'findings', label: tf.findings, value: data.findings },
    { key: 'accepted', label: tf.accepted, value: data.accepted },
    { key: 'overdue', label: tf.overdue, value: data.overdue, danger: data.overdue > 0 },
    { key: 'on-time', label: tf.onTime, value: data.onTimeRate === null ? '—' : `${Math.round(data.onTimeRate * 1000) / 10}%`, hint: tr.onTimeOf(data.onTime, data.due) },
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 8 }}>
        {cards.map((c) => (
          <Col xs={12} md={8} lg={4} key={c.key}>
            <Tooltip title={c.hint}>
              <Card size="small" data-testid={`figure-${c.key}`}>
                <Statistic title={c.label} value={c.value} styles={{ content: c.danger ? { color: '#cf1322' } : undefined }} />
              </Card>
            </Tooltip>
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

/** The period of the figures and the list: a date range with this month / quarter / year presets (Shanghai dates). */
function PeriodPicker({ list }: { list: ListParams }) {
  const t = useT();
  const tr = t.supervision.round;
  const now = nowInChina();
  const quarterStart = now.month(Math.floor(now.month() / 3) * 3).startOf('month');
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: tr.presets.month, value: [now.startOf('month'), now.endOf('month')] },
    { label: tr.presets.quarter, value: [quarterStart, quarterStart.add(2, 'month').endOf('month')] },
    { label: tr.presets.year, value: [now.startOf('year'), now.endOf('year')] },
    { label: tr.presets.lastYear, value: [now.subtract(1, 'year').startOf('year'), now.subtract(1, 'year').endOf('year')] },
  ];
  return (
    <DatePicker.RangePicker
      aria-label={tr.period}
      placeholder={[tr.periodFrom, tr.periodTo]}
      value={[fromIsoDate(list.value('from')), fromIsoDate(list.value('to'))]}
      allowEmpty={[true, true]}
      presets={presets}
      onChange={(r) => list.set({ from: toIsoDate(r?.[0]) ?? undefined, to: toIsoDate(r?.[1]) ?? undefined })}
      data-testid="filter-period"
    />
  );
}

export default function RoundsPage() {
  const t = useT();
  const tr = t.supervision.round;
  usePageTitle(tr.title);
  const manage = useCan()('inspection.manage');
  const me = useMe();
  const departmentScoped = useScope() === 'department';
  const list = useListParams();
  const { data, isFetching, error } = useRounds(list.query);
  const [planning, setPlanning] = useState(false);
  const sortable = (key: string) => ({ sorter: true, sortOrder: list.sortOrder(key) });
  const columns: TableColumnsType<TRound> = [
    { title: tr.name, dataIndex: 'title', key: 'title', ...sortable('title'), render: (v: string, r) => <Link to={`/supervision/rounds/${r.id}`}>{v}</Link> },
    { title: tr.plannedOn, dataIndex: 'plannedOn', key: 'plannedOn', ...sortable('plannedOn'), render: formatDate },
    { title: tr.methods, dataIndex: 'methods', key: 'methods', render: (v: TRound['methods']) => v.map((m) => <Tag key={m}>{t.supervision.methods[m]}</Tag>) },
    { title: tr.departments, dataIndex: 'departmentNames', key: 'departments', render: (v: string[]) => <div style={{ maxWidth: 240 }}>{v.join('、')}</div> },
    { title: tr.team, dataIndex: 'teamNames', key: 'team', render: (v: string[]) => <div style={{ maxWidth: 200 }}>{v.join('、')}</div> },
    { title: tr.progress, key: 'progress', render: (_v, r) => (departmentScoped ? (r.results[0] ? r.results[0].score : tr.notFilled) : tr.progressOf(r.results.length, r.departmentIds.length)) },
    { title: tr.findings, dataIndex: 'findings', key: 'findings', align: 'right' },
    { title: t.common.status, dataIndex: 'status', key: 'status', ...sortable('status'), render: (v: TRound['status']) => <RoundStatusTag status={v} /> },
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
            <ExportButton path="/api/supervision/rounds/export" query={list.query} filename={`${tr.title}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tr.search} statusFilter={false}>
        <PeriodPicker list={list} />
        <Select
          aria-label={t.common.status}
          placeholder={t.common.status}
          allowClear
          style={{ width: 120 }}
          value={list.value('status')}
          onChange={(v) => list.set({ status: v })}
          options={(Object.keys(t.supervision.roundStatuses) as TRound['status'][]).map((s) => ({ value: s, label: t.supervision.roundStatuses[s] }))}
          data-testid="filter-status"
        />
        <Select
          aria-label={tr.methods}
          placeholder={tr.methods}
          allowClear
          style={{ width: 130 }}
          value={list.value('method')}
          onChange={(v) => list.set({ method: v })}
          options={methodKeys(t).map((m) => ({ value: m, label: t.supervision.methods[m] }))}
          data-testid="filter-method"
        />
        {!departmentScoped && (
          <DepartmentSelect
            institutionId={me.institutionId}
            aria-label={tr.departments}
            placeholder={tr.departments}
            allowClear
            value={list.value('departmentId')}
            onChange={(v) => list.set({ departmentId: v })}
            data-testid="filter-department"
          />
        )}
      </ListToolbar>
      <Figures from={list.value('from')} to={list.value('to')} />
      <ListTable<TRound> testId="rounds-table" list={list} data={data} loading={isFetching} error={error} columns={columns} />
      <RoundForm open={planning} onClose={() => setPlanning(false)} />
    </>
  );
}
