/** 整改落实: rectification orders in scope (a department head sees their own department's only). */
import type { TRectification } from '@qinglian/contracts';
import { Checkbox, Select, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { useMe } from '../../../lib/session.tsx';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { DepartmentSelect } from '../../org/components/Pickers.tsx';
import { useRectifications } from '../api.ts';
import { RectStatus, rectStatusKeys } from '../labels.tsx';
import '../supervision.css';

export default function RectificationsPage() {
  const t = useT();
  const tr = t.supervision.rect;
  usePageTitle(tr.title);
  const me = useMe();
  const departmentScoped = useScope() === 'department';
  const list = useListParams();
  const { data, isFetching, error } = useRectifications(list.query);
  const columns: TableColumnsType<TRectification> = [
    {
      title: tr.description,
      dataIndex: 'description',
      key: 'description',
      render: (v: string, r) => (
        <div style={{ maxWidth: 340 }}>
          <Link to={`/supervision/rectifications/${r.id}`} data-testid="rect-link">
            {v}
          </Link>
        </div>
      ),
    },
    { title: t.supervision.department, dataIndex: 'departmentName', key: 'departmentName', sorter: true, sortOrder: list.sortOrder('departmentName') },
    { title: tr.kind, dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: list.sortOrder('kind'), render: (v: TRectification['kind']) => t.supervision.findingKinds[v] },
    { title: tr.responsible, dataIndex: 'responsibleName', key: 'responsible' },
    { title: tr.deadline, dataIndex: 'deadline', key: 'deadline', sorter: true, sortOrder: list.sortOrder('deadline'), render: formatDate },
    { title: t.common.status, key: 'status', sorter: true, sortOrder: list.sortOrder('status'), render: (_v, r) => <RectStatus r={r} /> },
    { title: tr.round, dataIndex: 'roundTitle', key: 'round', render: (v: string, r) => <Link to={`/supervision/rounds/${r.roundId}`}>{v}</Link> },
    { title: tr.letterNumber, dataIndex: 'letterNumber', key: 'letter', render: (v: string | null) => v ?? t.common.none },
    { title: tr.issuedAt, dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: list.sortOrder('createdAt'), render: (v: string) => formatDateTime(v).slice(0, 10) },
  ];
  return (
    <>
      <PageHeader title={tr.title} subtitle={departmentScoped ? t.common.labelled(t.supervision.department, me.departmentName ?? '') : undefined} extra={
          <>
            <ExportButton path="/api/supervision/rectifications/export" query={list.query} filename={`${tr.title}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tr.searchPlaceholder} statusFilter={false}>
        {!departmentScoped && (
          <DepartmentSelect
            institutionId={me.institutionId}
            aria-label={t.supervision.department}
            placeholder={t.supervision.department}
            allowClear
            value={list.value('departmentId')}
            onChange={(v) => list.set({ departmentId: v })}
          />
        )}
        <Select
          aria-label={t.common.status}
          placeholder={t.common.status}
          allowClear
          style={{ width: 120 }}
          value={list.value('status')}
          onChange={(v) => list.set({ status: v })}
          options={rectStatusKeys(t).map((s) => ({ value: s, label: t.supervision.rectStatuses[s] }))}
          data-testid="filter-status"
        />
        <Checkbox checked={list.value('overdue') === 'true'} onChange={(e) => list.set({ overdue: e.target.checked ? 'true' : undefined })}>
          {tr.overdueOnly}
        </Checkbox>
      </ListToolbar>
      <ListTable<TRectification>
        testId="rectifications-table"
        list={list}
        data={data}
        loading={isFetching}
        error={error}
        columns={columns}
        rowClassName={(r) => (r.overdue ? 'ql-row-overdue' : '')}
      />
    </>
  );
}
