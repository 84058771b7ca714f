/** 医药代表备案登记: the region's registry with this institution's decisions (approve, reject, suspend, reinstate). */
import { REP_STATUSES, type TRepStatus, type TRepSummary } from '@qinglian/contracts';
import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Image, Input, List, Popconfirm, Select, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../../components/FormModal.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDateTime, toIsoDate } from '../../../lib/time.ts';
import type { Dayjs } from 'dayjs';
import { decideRep, useRep, useReps, useRepsMutation } from '../api.ts';
import { RepStatusTag } from '../components/RepTags.tsx';

type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

export default function RegistryPage() {
  const t = useT();
  const tr = t.reps;
  usePageTitle(tr.registry.title);
  const can = useCan();
  const { message } = App.useApp();
  const list = useListParams();
  const { data, error } = useReps(list.query);
  const [viewing, setViewing] = useState<string | null>(list.value('rep') ?? null);
  const [asking, setAsking] = useState<{ rep: TRepSummary; decision: 'reject' | 'suspend' | 'approve' | 'reinstate' } | null>(null);
  const decide = useRepsMutation(({ id, body }: { id: string; body: object }) => decideRep(id, body));

  const quick = async (rep: TRepSummary, decision: Decision) => {
    try {
      await decide.mutateAsync({ id: rep.id, body: { decision } });
      message.success(tr.registry.decided);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const actions = (r: TRepSummary) => {
    const is = (s: TRepStatus[]) => s.includes(r.status);
    return (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => setViewing(r.id)} data-testid="rep-view">
          {tr.common.view}
        </Button>
        {is(['pending', 'rejected']) && (
          <Button
            type="link"
            size="small"
            onClick={() => (r.formerBlacklistedCompany ? setAsking({ rep: r, decision: 'approve' }) : quick(r, 'approve'))}
            data-testid="rep-approve"
          >
            {tr.registry.approve}
          </Button>
        )}
        {is(['pending', 'approved']) && (
          <Button type="link" size="small" danger onClick={() => setAsking({ rep: r, decision: r.status === 'pending' ? 'reject' : 'suspend' })} data-testid="rep-refuse">
            {r.status === 'pending' ? tr.registry.reject : tr.registry.suspend}
          </Button>
        )}
        {is(['suspended']) && (
          r.formerBlacklistedCompany ? (
            <Button type="link" size="small" onClick={() => setAsking({ rep: r, decision: 'reinstate' })} data-testid="rep-reinstate">
              {tr.registry.reinstate}
            </Button>
          ) : (
            <Popconfirm title={tr.registry.reinstateConfirm} okText={tr.registry.reinstate} onConfirm={() => quick(r, 'reinstate')}>
              <Button type="link" size="small" data-testid="rep-reinstate">
                {tr.registry.reinstate}
              </Button>
            </Popconfirm>
          )
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<TRepSummary> = [
    {
      title: tr.common.rep,
      dataIndex: 'name',
      key: 'name',
      render: (v: string | null, r) => (
        <>
          {v ?? tr.common.none}
          {r.formerBlacklistedCompany && (
            <Tag color="red" style={{ marginLeft: 6 }} data-testid="rep-flagged">
              {tr.registry.flagged(r.formerBlacklistedCompany)}
            </Tag>
          )}
        </>
      ),
    },
    { title: tr.common.company, dataIndex: 'companyName', key: 'companyName', render: (v: string | null) => v ?? tr.common.none },
    { title: tr.common.phone, dataIndex: 'phoneMasked', key: 'phone' },
    { title: tr.common.filingNo, dataIndex: 'filingNo', key: 'filingNo', render: (v: string | null) => v ?? tr.common.none },
    { title: tr.common.products, dataIndex: 'products', key: 'products', render: (v: string[]) => v.join('、') || tr.common.none },
    { title: tr.common.letterTerm, key: 'letter', render: (_: unknown, r) => (r.letterUntil ? `${r.letterFrom} ~ ${r.letterUntil}` : tr.common.none) },
    { title: tr.common.registeredUntil, dataIndex: 'registeredUntil', key: 'registeredUntil', render: (v: string | null) => v ?? tr.common.none },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (v: TRepStatus) => <RepStatusTag status={v} /> },
    actionsColumn(t.common.actions, (r: TRepSummary) => (can('rep.manage') ? actions(r) : <Button type="link" size="small" onClick={() => setViewing(r.id)}>{tr.common.view}</Button>), 220),
  ];

  return (
    <>
      <PageHeader title={tr.registry.title} subtitle={tr.registry.subtitle} />
      <ListToolbar list={list} placeholder={tr.registry.search} statusFilter={false}>
        <Select
          aria-label={t.common.status}
          placeholder={t.common.status}
          allowClear
          style={{ width: 140 }}
          value={list.value('status')}
          onChange={(v) => list.set({ status: v })}
          options={REP_STATUSES.map((s) => ({ value: s, label: tr.status[s] }))}
          data-testid="status-filter"
        />
        <Checkbox checked={list.value('flagged') === 'true'} onChange={(e) => list.set({ flagged: e.target.checked ? 'true' : undefined })} data-testid="flagged-filter">
          {tr.registry.flaggedOnly}
        </Checkbox>
      </ListToolbar>
      <ListTable<TRepSummary> testId="reps-table" list={list} data={data} columns={columns} error={error} />
      <RepDrawer id={viewing} onClose={() => setViewing(null)} />
      <FormModal<{ reason: string; until?: Dayjs }>
        open={!!asking}
        title={
          asking?.decision === 'reject'
            ? tr.registry.rejectTitle
            : asking?.decision === 'approve' || asking?.decision === 'reinstate'
              ? tr.registry.approveFlaggedTitle
              : tr.registry.suspendTitle
        }
        onClose={() => setAsking(null)}
        onSubmit={(v) => decide.mutateAsync({ id: asking!.rep.id, body: { decision: asking!.decision, reason: v.reason, until: toIsoDate(v.until) } })}
        testId="rep-decision-form"
      >
        {(asking?.decision === 'approve' || asking?.decision === 'reinstate') && <Alert type="warning" showIcon title={tr.registry.flaggedReason} style={{ marginBottom: 12 }} />}
        <Form.Item name="reason" label={tr.common.reason} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {asking?.decision === 'suspend' && (
          <Form.Item name="until" label={tr.common.until} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        )}
      </FormModal>
    </>
  );
}

/** Everything the registry holds on one rep, with their photo and documents. */
function RepDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const tr = t.reps;
  const { data: r } = useRep(id);
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={r?.name ?? tr.common.rep} data-testid="rep-drawer">
      {r && (
        <>
          {r.formerBlacklistedCompany && <Alert type="error" showIcon title={tr.registry.flagged(r.formerBlacklistedCompany)} description={tr.registry.flaggedReason} style={{ marginBottom: 12 }} />}
          <Space align="start" size={24} wrap>
            {r.hasPhoto ? <Image width={120} src={`/api/reps/reps/${r.id}/photo`} alt={tr.common.photo} /> : <Tag>{tr.common.photo}: {tr.common.none}</Tag>}
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t.common.status}>
                <RepStatusTag status={r.status} />
                {r.suspendedUntil && `${tr.common.until} ${r.suspendedUntil}`}
              </Descriptions.Item>
              <Descriptions.Item label={tr.common.company}>{r.companyName ?? tr.common.none}</Descriptions.Item>
              <Descriptions.Item label={tr.common.nationalId}>{r.nationalIdMasked ?? tr.common.none}</Descriptions.Item>
              <Descriptions.Item label={tr.common.phone}>{r.phoneMasked}</Descriptions.Item>
              <Descriptions.Item label={tr.common.filingNo}>{r.filingNo ?? tr.common.none}</Descriptions.Item>
              <Descriptions.Item label={tr.common.products}>{r.products.join('、') || tr.common.none}</Descriptions.Item>
              <Descriptions.Item label={tr.common.letterTerm}>{r.letterUntil ? `${r.letterFrom} ~ ${r.letterUntil}` : tr.common.none}</Descriptions.Item>
              <Descriptions.Item label={tr.common.registeredUntil}>{r.registeredUntil ?? tr.common.none}</Descriptions.Item>
              <Descriptions.Item label={tr.common.pledge}>{r.pledgeSignedAt ? tr.common.pledgeSigned(formatDateTime(r.pledgeSignedAt)) : tr.common.notSigned}</Descriptions.Item>
            </Descriptions>
          </Space>
          <Space style={{ margin: '16px 0' }} wrap>
            {r.hasLetter && (
              <a href={`/api/reps/reps/${r.id}/letter`} target="_blank" rel="noreferrer">
                {tr.registry.openLetter}
              </a>
            )}
            <a href={`/api/reps/reps/${r.id}/licence`} target="_blank" rel="noreferrer">
              {tr.registry.openLicence}
            </a>
            {r.violations > 0 && <Tag color="red">{tr.registry.violations(r.violations)}</Tag>}
          </Space>
          <List
            header={tr.registry.approvals}
            size="small"
            dataSource={r.approvals}
            renderItem={(a) => (
              <List.Item>
                <Space wrap>
                  {a.institutionName}
                  <RepStatusTag status={a.status} />
                  {a.reason}
                  {a.decidedAt && formatDateTime(a.decidedAt)}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}
