/** Audit trail for the discipline office: filters, before/after of each entry, chain check, export. */
import type { TAuditEntry } from '@qinglian/contracts';
import { Button, DatePicker, Select, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { OrgFilters } from '../../org/components/OrgFilters.tsx';
import { useAuditEntries } from '../api.ts';
import { ActionFilter, actionLabel, TextFilter } from '../components/AuditFilters.tsx';
import { JsonDiff } from '../components/JsonDiff.tsx';
import { VerifyButton } from '../components/VerifyButton.tsx';

/** The list's rows are keyed by the entry's insertion id (the chain position comes when it is sealed). */
type AuditRow = Omit<TAuditEntry, 'id'> & { id: string };

/** The audit trail page. */
export default function AuditPage() {
  const t = useT();
  const ta = t.audit;
  usePageTitle(ta.title);
  const list = useListParams();
  const { data, isFetching, error } = useAuditEntries(list.query);
  const actorId = list.value('actorId');
  const from = list.value('from');
  const to = list.value('to');

  const columns: TableColumnsType<TAuditEntry> = [
    { title: ta.seq, dataIndex: 'seq', key: 'seq', width: 90, render: (v: number | null) => v ?? <Typography.Text type="secondary">{ta.sealing}</Typography.Text> },
    { title: ta.at, dataIndex: 'at', key: 'at', render: (v: string) => formatDateTime(v, true), width: 170 },
    {
      title: ta.actor,
      dataIndex: 'actorName',
      key: 'actorName',
      render: (v: string | null, e) =>
        e.actorId ? (
          <Button type="link" size="small" style={{ padding: 0 }} title={ta.filterByActor} onClick={() => list.set({ actorId: e.actorId })}>
            {v}
          </Button>
        ) : (
          v || ta.system
        ),
    },
    {
      title: ta.action,
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => (
        <>
          <div>{actionLabel(t, v)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
            {v}
          </Typography.Text>
        </>
      ),
    },
    {
      title: ta.target,
      key: 'target',
      render: (_, e) => (
        <>
          <div>{ta.targets[e.targetType] ?? e.targetType}</div>
          {e.targetId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: e.targetId }}>
              <Typography.Link
                style={{ fontSize: 12 }}
                title={ta.filterByTarget}
                onClick={() => list.set({ targetType: e.targetType, targetId: e.targetId })}
              >
                {e.targetId.slice(0, 8)}
              </Typography.Link>
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: ta.institution, dataIndex: 'institutionName', key: 'institutionName', render: (v?: string | null) => v || t.common.none },
    {
      title: ta.requestId,
      dataIndex: 'requestId',
      key: 'requestId',
      className: 'ql-no-print',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: v }}>
            {v.slice(0, 8)}
          </Typography.Text>
        ) : (
          t.common.none
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={ta.title}
        extra={
          <>
            <VerifyButton />
            <ExportButton path="/api/audit/export" query={list.query} filename={`${ta.title}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} statusFilter={false}>
        <DatePicker.RangePicker
          aria-label={t.common.dateRange}
          data-testid="filter-dates"
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(r) => list.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          presets={[
            { label: ta.last7, value: [dayjs().subtract(6, 'day'), dayjs()] },
            { label: ta.last30, value: [dayjs().subtract(29, 'day'), dayjs()] },
          ]}
        />
        <ActionFilter value={list.value('action')} onChange={(v) => list.set({ action: v })} />
        <Select
          aria-label={ta.targetType}
          placeholder={ta.targetType}
          allowClear
          style={{ width: 140 }}
          value={list.value('targetType')}
          onChange={(v) => list.set({ targetType: v })}
          options={Object.entries(ta.targets).map(([value, label]) => ({ value, label }))}
          data-testid="filter-target-type"
        />
        <TextFilter value={list.value('targetId')} onChange={(v) => list.set({ targetId: v })} placeholder={ta.targetIdPlaceholder} width={200} />
        <OrgFilters list={list} department={false} />
        {actorId && (
          <Tag closable onClose={() => list.set({ actorId: undefined })} style={{ alignSelf: 'center' }} data-testid="filter-actor">
            {t.common.labelled(ta.actor, data?.items.find((e) => e.actorId === actorId)?.actorName ?? actorId.slice(0, 8))}
          </Tag>
        )}
      </ListToolbar>
      <ListTable<AuditRow>
        testId="audit-table"
        list={list}
        data={data && { ...data, items: data.items.map((e) => ({ ...e, id: String(e.id) })) }}
        loading={isFetching}
        error={error}
        columns={columns as TableColumnsType<AuditRow>}
        expandable={{
          expandedRowRender: (e) => <JsonDiff before={e.before} after={e.after} />,
          rowExpandable: (e) => e.before != null || e.after != null,
        }}
      />
    </>
  );
}
