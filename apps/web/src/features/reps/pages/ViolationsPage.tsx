/** 违规与处理: violations (recorded by the office or reported by staff), their confirmation, and the sanctions the ladder gave. */
import { PlusOutlined } from '@ant-design/icons';
import { VIOLATION_KINDS, type TLadderPreview, type TPurchaseSuspension, type TSanction, type TViolation } from '@qinglian/contracts';
import { Alert, App, Button, Checkbox, Form, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { OrgFilters } from '../../org/components/OrgFilters.tsx';
import { RepSelect } from '../components/Pickers.tsx';
import { decideViolation, recordViolation, useLadderPreview, useRepsMutation, useSanctions, useSuspensions, useViolations } from '../api.ts';

/** "第三次违规：企业将被全市列入黑名单" — what confirming a violation of this rep will trigger. */
export function LadderNotice({ repId }: { repId: string | undefined }) {
  const tv = useT().reps.violations;
  const { data } = useLadderPreview(repId);
  if (!repId || !data) return null;
  const what = (p: TLadderPreview) => (p.kind === 'summon' ? tv.ladderSummon : p.kind === 'suspend_products' ? tv.ladderSuspend(p.months) : tv.ladderBlacklist);
  return (
    <Alert
      type={data.kind === 'blacklist_company' ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="ladder-notice"
      title={`${tv.willTrigger}${tv.ladderStep(data.step, what(data))}`}
      description={data.companyName}
    />
  );
}

/** 暂停采购清单: suspensions in force, for procurement, exportable. */
function SuspensionsTab() {
  const t = useT();
  const tr = t.reps;
  const tv = tr.violations;
  const list = useListParams({ sort: 'endsOn', order: 'asc' });
  const { data, error } = useSuspensions(list.query);
  const columns: TableColumnsType<TPurchaseSuspension> = [
    { title: tr.common.company, dataIndex: 'companyName', key: 'companyName', sorter: true, sortOrder: list.sortOrder('companyName') },
    { title: tr.common.creditCode, dataIndex: 'creditCode', key: 'creditCode' },
    { title: tr.common.products, dataIndex: 'products', key: 'products', render: (p: string[]) => p.join('、') },
    { title: tv.startsOn, dataIndex: 'startsOn', key: 'startsOn', sorter: true, sortOrder: list.sortOrder('startsOn') },
    { title: tv.endsOn, dataIndex: 'endsOn', key: 'endsOn', sorter: true, sortOrder: list.sortOrder('endsOn') },
    { title: tr.common.institution, dataIndex: 'institutionName', key: 'institutionName' },
    { title: tr.common.rep, dataIndex: 'repName', key: 'repName' },
  ];
  return (
    <>
      <Alert type="info" showIcon title={tv.suspensionsHint} style={{ marginBottom: 12 }} />
      <ListToolbar list={list} placeholder={tv.suspensionsSearch} statusFilter={false}>
        <OrgFilters list={list} department={false} />
        <ExportButton path="/api/reps/suspensions/export" query={list.query} filename={`${tv.suspensionsTab}.xlsx`} />
      </ListToolbar>
      <ListTable<TPurchaseSuspension> testId="suspensions-table" list={list} data={data} columns={columns} error={error} />
    </>
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
  const [tab, setTab] = useState('v');
  const sanctions = useSanctions({ pageSize: 100 });
  const [recording, setRecording] = useState(false);
  const [confirming, setConfirming] = useState<TViolation | null>(null);
  const [confirmRep, setConfirmRep] = useState<string | undefined>();
  const [recordRep, setRecordRep] = useState<string | undefined>();
  const record = useRepsMutation(recordViolation);
  const decide = useRepsMutation(({ id, body }: { id: string; body: object }) => decideViolation(id, body));

  const columns: TableColumnsType<TViolation> = [
    { title: tr.common.date, dataIndex: 'occurredAt', key: 'occurredAt', sorter: true, sortOrder: list.sortOrder('occurredAt'), render: (v: string) => formatDateTime(v) },
    { title: tr.common.rep, key: 'repName', sorter: true, sortOrder: list.sortOrder('repName'), render: (_: unknown, v) => `${v.repName ?? tr.common.none}（${v.companyName ?? tr.common.none}）` },
    { title: tv.kind, dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: list.sortOrder('kind'), render: (k: TViolation['kind'], v) => (
      <>
        {tr.violationKinds[k]}
        {v.caseId && <Tag style={{ marginLeft: 6 }}>{tv.case}</Tag>}
      </>
    ) },
    { title: tv.description, dataIndex: 'description', key: 'description', width: 260 },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (s: TViolation['status']) => <Tag color={s === 'confirmed' ? 'red' : s === 'reported' ? 'gold' : 'default'}>{tr.violationStatus[s]}</Tag> },
    { title: tv.step, dataIndex: 'step', key: 'step', render: (v: number | null) => v ?? tr.common.none },
    { title: tv.sanction, dataIndex: 'sanction', key: 'sanction', render: (v: TViolation['sanction']) => (v ? <Tag color="volcano">{tr.sanctions[v]}</Tag> : tr.common.none) },
    actionsColumn(t.common.actions, (v: TViolation) =>
      can('rep.manage') && v.status === 'reported' ? (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setConfirming(v);
              setConfirmRep(v.repId ?? undefined);
            }}
            data-testid="violation-confirm"
          >
            {tv.confirm}
          </Button>
          <Popconfirm
            title={tv.dismissConfirm}
            okText={tv.dismiss}
            okButtonProps={{ danger: true }}
            onConfirm={() => decide.mutateAsync({ id: v.id, body: { decision: 'dismiss' } }).catch((e) => message.error(errorMessage(e)))}
          >
            <Button type="link" size="small" danger data-testid="violation-dismiss">
              {tv.dismiss}
            </Button>
          </Popconfirm>
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
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          list.reset();
        }}
        destroyOnHidden
        items={[
          {
            key: 'v',
            label: tv.violationsTab,
            children: (
              <>
                <ListToolbar list={list} placeholder={tv.search} statusFilter={false}>
                  <Select
                    aria-label={t.common.status}
                    allowClear
                    placeholder={t.common.status}
                    style={{ width: 130 }}
                    value={list.value('status')}
                    onChange={(v) => list.set({ status: v })}
                    options={(['reported', 'confirmed', 'dismissed'] as const).map((s) => ({ value: s, label: tr.violationStatus[s] }))}
                  />
                  <ExportButton path="/api/reps/violations/export" query={list.query} filename={`${tv.title}.xlsx`} />
                </ListToolbar>
                <ListTable<TViolation> testId="violations-table" list={list} data={data} columns={columns} error={error} />
              </>
            ),
          },
          {
            key: 's',
            label: tv.sanctionsTab,
            children: <Table<TSanction> rowKey="id" size="middle" columns={sanctionColumns} dataSource={sanctions.data?.items} pagination={false} data-testid="sanctions-table" />,
          },
          { key: 'p', label: tv.suspensionsTab, children: <SuspensionsTab /> },
        ]}
      />
      <FormModal<{ repId: string; kind: string; description: string; confirm: boolean }>
        open={recording}
        title={tv.recordTitle}
        onClose={() => {
          setRecording(false);
          setRecordRep(undefined);
        }}
        initialValues={{ kind: 'no_booking', confirm: true }}
        onSubmit={(v) => record.mutateAsync(v)}
        testId="violation-form"
      >
        <Form.Item name="repId" label={tr.common.rep} rules={[{ required: true }]}>
          <RepSelect onChange={setRecordRep} />
        </Form.Item>
        <LadderNotice repId={recordRep} />
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
          <RepSelect onChange={setConfirmRep} />
        </Form.Item>
        <LadderNotice repId={confirmRep} />
      </FormModal>
    </>
  );
}
