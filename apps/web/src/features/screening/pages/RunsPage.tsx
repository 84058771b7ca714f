/** 筛查运行: start a run for one institution or the whole scope and a month range, follow its progress, and the list of runs. */
import { PlayCircleOutlined } from '@ant-design/icons';
import type { TScreeningRun } from '@qinglian/contracts';
import { Alert, Button, DatePicker, Form, Progress, Radio, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { InstitutionSelect } from '../../org/components/Pickers.tsx';
import { ActionModal } from '../../reports/components/ActionModal.tsx';
import { startRun, useRuns, useScreeningMutation } from '../api.ts';
import { RunStatusTag } from '../labels.tsx';

interface StartValues {
  scope: 'all' | 'one';
  institutionId?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** Rules done / total with the rule running now. */
function RunProgress({ run }: { run: TScreeningRun }) {
  const t = useT();
  const ts = t.screening;
  const { done, total, current } = run.progress;
  const percent = total ? Math.round((done / total) * 100) : 0;
  if (run.status === 'done') return <Progress percent={100} size="small" style={{ width: 100 }} />;
  if (run.status === 'failed') return <Progress percent={percent} size="small" status="exception" style={{ width: 100 }} />;
  return (
    <div style={{ width: 130 }} data-testid="run-progress">
      <Progress percent={percent} size="small" status="active" format={() => `${done}/${total}`} />
      {current && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {ts.runs.current(ts.rules[current as keyof typeof ts.rules] ?? current)}
        </Typography.Text>
      )}
    </div>
  );
}

export default function RunsPage() {
  const t = useT();
  const ts = t.screening;
  const tr = ts.runs;
  usePageTitle(tr.title);
  const can = useCan();
  const regionUser = useScope() === 'region';
  const list = useListParams();
  const { data, error } = useRuns(list.query);
  const [open, setOpen] = useState(false);
  const start = useScreeningMutation(startRun);

  const columns: TableColumnsType<TScreeningRun> = [
    { title: tr.createdAt, dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: tr.scope, key: 'scope', render: (_: unknown, r) => r.institutionName ?? (regionUser ? tr.wholeScope : tr.ownInstitution) },
    { title: tr.period, key: 'period', render: (_: unknown, r) => (r.from && r.to ? `${r.from} ~ ${r.to}` : tr.defaultWindow) },
    { title: tr.trigger, dataIndex: 'trigger', key: 'trigger', render: (v: TScreeningRun['trigger']) => <span style={{ whiteSpace: 'nowrap' }}>{ts.trigger[v]}</span> },
    { title: ts.common.paramVersion, dataIndex: 'paramVersion', key: 'paramVersion', render: (v: number) => ts.common.version(v) },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (s: TScreeningRun['status']) => <RunStatusTag status={s} /> },
    { title: tr.progress, key: 'progress', render: (_: unknown, r) => <RunProgress run={r} /> },
    { title: tr.found, dataIndex: 'alertsFound', key: 'alertsFound', align: 'right' },
    {
      title: tr.newAlerts,
      dataIndex: 'alertsNew',
      key: 'alertsNew',
      align: 'right',
      render: (n: number) => (n ? <Tag color="volcano">{n}</Tag> : 0),
    },
    {
      title: tr.finishedAt,
      key: 'finishedAt',
      render: (_: unknown, r) => {
        const times = Object.entries(r.ruleTimes);
        const text = formatDateTime(r.finishedAt);
        return times.length ? (
          <Tooltip
            title={
              <div>
                <strong>{tr.ruleTimes}</strong>
                {times.map(([rule, ms]) => (
                  <div key={rule}>
                    {ts.rules[rule as keyof typeof ts.rules] ?? rule}：{tr.seconds(ms / 1000)}
                  </div>
                ))}
              </div>
            }
          >
            <span style={{ borderBottom: '1px dashed #999', whiteSpace: 'nowrap' }}>{text}</span>
          </Tooltip>
        ) : (
          text
        );
      },
    },
    actionsColumn<TScreeningRun>(
      t.common.actions,
      (r) =>
        r.status === 'done' ? (
          <Link to={`/screening/alerts?runId=${r.id}&status=all`} data-testid="run-alerts">
            {tr.viewAlerts}
          </Link>
        ) : r.error ? (
          <Typography.Text type="danger">{r.error}</Typography.Text>
        ) : null,
      100,
    ),
  ];

  return (
    <>
      <PageHeader
        title={tr.title}
        subtitle={tr.subtitle}
        extra={
          can('screening.manage') && (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setOpen(true)} data-testid="run-start">
              {tr.start}
            </Button>
          )
        }
      />
      <ListTable<TScreeningRun> testId="runs-table" list={list} data={data} columns={columns} error={error} />
      <ActionModal<StartValues>
        open={open}
        title={tr.startTitle}
        onClose={() => setOpen(false)}
        okText={tr.confirm}
        successText={tr.started}
        testId="run-form"
        initialValues={{ scope: 'all' }}
        onSubmit={(v) =>
          start.mutateAsync({
            institutionId: v.scope === 'one' ? v.institutionId : undefined,
            from: v.period?.[0]?.format('YYYY-MM'),
            to: v.period?.[1]?.format('YYYY-MM'),
          })
        }
      >
        {regionUser && (
          <>
            <Form.Item name="scope" label={tr.scope}>
              <Radio.Group>
                <Radio value="all">{tr.wholeScope}</Radio>
                <Radio value="one">{ts.common.institution}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.scope !== b.scope}>
              {({ getFieldValue }) =>
                getFieldValue('scope') === 'one' && (
                  <Form.Item name="institutionId" label={ts.common.institution} rules={[{ required: true, message: t.common.required }]}>
                    <InstitutionSelect />
                  </Form.Item>
                )
              }
            </Form.Item>
          </>
        )}
        {!regionUser && <Alert type="info" showIcon title={`${tr.scope}：${tr.ownInstitution}`} style={{ marginBottom: 16 }} />}
        <Form.Item name="period" label={tr.period} extra={tr.periodHint}>
          <DatePicker.RangePicker picker="month" placeholder={[ts.common.periodFrom, ts.common.periodTo]} style={{ width: '100%' }} data-testid="run-period" />
        </Form.Item>
      </ActionModal>
    </>
  );
}
