/** 违规与处理: violations (recorded by the office or reported by staff), their confirmation, and the sanctions the ladder gave. */
import { PlusOutlined } from '@ant-design/icons';
import { VIOLATION_KINDS, type TSanction, type TViolation } from '@qinglian/contracts';
import { App, Button, Checkbox, Form, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../../components/FormModal.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { decideViolation, recordViolation, useReps, useRepsMutation, useSanctions, useViolations } from '../api.ts';

/** A registered rep of the region, searched by name, company or filing number. */
function RepSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useReps({ q, pageSize: 20 });
  return (
    <Select
      {...props}
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={isFetching}
      placeholder={t.common.select}
      options={(data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name ?? ''}（${r.companyName ?? ''}）` }))}
      data-testid="rep-select"
    />
  );
}

export default function ViolationsPage() {
  const t = useT();
  const tr = t.reps;
  const tv = tr.violations;
  usePageTitle(tv.title);
  const can = useCan();
  const { message } = App.useApp();
  const list = useListParams();
  const { data, error } = useViolations(list.query);
  const sanctions = useSanctions({ pageSize: 100 });
  const [recording, setRecording] = useState(false);
  const [confirming, setConfirming] = useState<TViolation | null>(null);
  const record = useRepsMutation(recordViolation);
  const decide = useRepsMutation(({ id, body }: { id: string; body: object }) => decideViolation(id, body));

  const columns: TableColumnsType<TViolation> = [
    { title: tr.common.date, dataIndex: 'occurredAt', key: 'occurredAt', render: (v: string) => formatDateTime(v) },
    { title: tr.common.rep, key: 'rep', render: (_: unknown, v) => `${v.repName ?? tr.common.none}（${v.companyName ?? tr.common.none}）` },
    { title: tv.kind, dataIndex: 'kind', key: 'kind', render: (k: TViolation['kind']) => tr.violationKinds[k] },
    { title: tv.description, dataIndex: 'description', key: 'description', width: 260 },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (s: TViolation['status']) => <Tag color={s === 'confirmed' ? 'red' : s === 'reported' ? 'gold' : 'default'}>{tr.violationStatus[s]}</Tag> },
    { title: tv.step, dataIndex: 'step', key: 'step', render: (v: number | null) => v ?? tr.common.none },
    { title: tv.sanction, dataIndex: 'sanction', key: 'sanction', render: (v: TViolation['sanction']) => (v ? <Tag color="volcano">{tr.sanctions[v]}</Tag> : tr.common.none) },
    actionsColumn(t.common.actions, (v: TViolation) =>
      can('rep.manage') && v.status === 'reported' ? (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setConfirming(v)} data-testid="violation-confirm">
            {tv.confirm}
          </Button>
          <Button
            type="link"
            size="small"
            danger
            onClick={() => decide.mutateAsync({ id: v.id, body: { decision: 'dismiss' } }).catch((e) => message.error(errorMessage(e)))}
            data-testid="violation-dismiss"
          >
            {tv.dismiss}
          </Button>
        </Space>
      ) : null,
    ),
  ];
  const sanctionColumns: TableColumnsType<TSanction> = [
    { title: tr.common.company, dataIndex: 'companyName', key: 'companyName' },
    { title: tr.common.rep, dataIndex: 'repName', key: 'repName' },
    { title: tv.sanction, dataIndex: 'kind', key: 'kind', render: (k: TSanction['kind']) => tr.sanctions[k] },
    { title: tr.common.products, dataIndex: 'products', key: 'products', render: (p: string[]) => p.join('、') || tr.common.none },
    { title: tv.startsOn, dataIndex: 'startsOn', key: 'startsOn' },
    { title: tv.endsOn, dataIndex: 'endsOn', key: 'endsOn', render: (v: string | null) => v ?? tr.common.none },
  ];

  return (
    <>
      <PageHeader
        title={tv.title}
        subtitle={tv.subtitle}
        extra={
          can('rep.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="create-button">
              {tv.record}
            </Button>
          )
        }
      />
      <Tabs
        items={[
          { key: 'v', label: tv.violationsTab, children: <ListTable<TViolation> testId="violations-table" list={list} data={data} columns={columns} error={error} /> },
          {
            key: 's',
            label: tv.sanctionsTab,
            children: <Table<TSanction> rowKey="id" size="middle" columns={sanctionColumns} dataSource={sanctions.data?.items} pagination={false} data-testid="sanctions-table" />,
          },
        ]}
      />
      <FormModal<{ repId: string; kind: string; description: string; confirm: boolean }>
        open={recording}
        title={tv.recordTitle}
        onClose={() => setRecording(false)}
        initialValues={{ kind: 'no_booking', confirm: true }}
        onSubmit={(v) => record.mutateAsync(v)}
        testId="violation-form"
      >
        <Form.Item name="repId" label={tr.common.rep} rules={[{ required: true }]}>
          <RepSelect />
        </Form.Item>
        <Form.Item name="kind" label={tv.kind} rules={[{ required: true }]}>
          <Select options={VIOLATION_KINDS.map((k) => ({ value: k, label: tr.violationKinds[k] }))} />
        </Form.Item>
        <Form.Item name="description" label={tv.description} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="confirm" valuePropName="checked">
          <Checkbox>{tv.confirmNow}</Checkbox>
        </Form.Item>
      </FormModal>
      <FormModal<{ repId?: string }>
        open={!!confirming}
        title={tv.confirm}
        onClose={() => setConfirming(null)}
        initialValues={{ repId: confirming?.repId ?? undefined }}
        onSubmit={(v) => decide.mutateAsync({ id: confirming!.id, body: { decision: 'confirm', repId: v.repId } })}
        testId="violation-decision-form"
      >
        <Form.Item name="repId" label={tv.linkRep} rules={[{ required: true }]}>
          <RepSelect />
        </Form.Item>
      </FormModal>
    </>
  );
}
