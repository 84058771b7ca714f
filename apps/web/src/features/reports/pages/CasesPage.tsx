/** 问题线索: one list for every channel, with filters, overdue rows in red, export and 登记来件. */
import { PlusOutlined } from '@ant-design/icons';
import type { TCaseSummary } from '@qinglian/contracts';
import { Button, Checkbox, DatePicker, Select, Space, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { OrgFilters } from '../../org/components/OrgFilters.tsx';
import { useCases } from '../api.ts';
import { CaseCreateModal } from '../components/CaseCreateModal.tsx';
import { CaseStatusTag, Deadline, RoutedBadge } from '../components/CaseTags.tsx';
import { categoryOptions, channelOptions, statusOptions } from '../labels.ts';
import '../reports.css';

export default function CasesPage() {
  const t = useT();
  const tr = t.reports;
  usePageTitle(tr.casesTitle);
  const can = useCan();
  const regionUser = useScope() === 'region';
  const list = useListParams();
  const { data, isFetching } = useCases(list.query);
  const [creating, setCreating] = useState(false);
  const from = list.value('from');
  const to = list.value('to');
  const dash = (v: string | null) => v || t.common.none;

  const columns: TableColumnsType<TCaseSummary> = [
    {
      title: tr.number,
      dataIndex: 'number',
      key: 'number',
      sorter: true,
      sortOrder: list.sortOrder('number'),
      render: (v: string, r) => (
        <Link to={`/cases/${r.id}`} data-testid="case-link">
          {v}
        </Link>
      ),
    },
    { title: tr.receivedAt, dataIndex: 'receivedAt', key: 'receivedAt', sorter: true, sortOrder: list.sortOrder('receivedAt'), render: (v: string) => formatDateTime(v) },
    ...(regionUser ? [{ title: tr.institution, dataIndex: 'institutionName', key: 'institutionName' }] : []),
    {
      title: tr.channelCategory,
      dataIndex: 'channel',
      key: 'channel',
      render: (v: TCaseSummary['channel'], r) => (
        <>
          <div>{r.category ? tr.categories[r.category] : t.common.none}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tr.channels[v]}
          </Typography.Text>
        </>
      ),
    },
    {
      title: tr.summary,
      dataIndex: 'summary',
      key: 'summary',
      width: 240,
      render: (v: string, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0, maxWidth: 240 }}>
          {r.anonymous && <Typography.Text type="secondary">[{tr.anonymousShort}] </Typography.Text>}
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: tr.department, dataIndex: 'departmentName', key: 'departmentName', render: dash },
    {
      title: t.common.status,
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: list.sortOrder('status'),
      render: (_: unknown, r) => (
        <Space size={4} orientation="vertical">
          <CaseStatusTag c={r} />
          <RoutedBadge routedTo={r.routedTo} />
        </Space>
      ),
    },
    { title: tr.owner, dataIndex: 'ownerName', key: 'ownerName', render: dash },
    { title: tr.deadline, dataIndex: 'stageDeadline', key: 'stageDeadline', sorter: true, sortOrder: list.sortOrder('stageDeadline'), render: (_: unknown, r) => <Deadline c={r} /> },
    { title: tr.subjects, dataIndex: 'subjectNames', key: 'subjectNames', render: (v: string[]) => (v.length ? v.join('、') : t.common.none) },
  ];

  return (
    <>
      <PageHeader
        title={tr.casesTitle}
        subtitle={tr.casesSubtitle}
        extra={
          <>
            {can('case.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-button">
                {tr.create}
              </Button>
            )}
            <ExportButton path="/api/reports/cases/export" query={list.query} filename={`${tr.casesTitle}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tr.searchPlaceholder} statusFilter={false}>
        <Select
          aria-label={t.common.status}
          placeholder={t.common.status}
          allowClear
          style={{ width: 150 }}
          value={list.value('status')}
          onChange={(v) => list.set({ status: v })}
          options={statusOptions(t)}
          data-testid="filter-status"
        />
        <Select
          aria-label={tr.channel}
          placeholder={tr.channel}
          allowClear
          style={{ width: 130 }}
          value={list.value('channel')}
          onChange={(v) => list.set({ channel: v })}
          options={channelOptions(t)}
          data-testid="filter-channel"
        />
        <Select
          aria-label={tr.category}
          placeholder={tr.category}
          allowClear
          style={{ width: 170 }}
          value={list.value('category')}
          onChange={(v) => list.set({ category: v })}
          options={categoryOptions(t)}
          data-testid="filter-category"
        />
        {regionUser && (
          <Select
            aria-label={tr.routedTo}
            placeholder={tr.routedTo}
            allowClear
            style={{ width: 190 }}
            value={list.value('routedTo')}
            onChange={(v) => list.set({ routedTo: v })}
            options={[
              { value: 'region', label: tr.routedRegion },
              { value: 'institution', label: tr.routedInstitution },
            ]}
            data-testid="filter-routed"
          />
        )}
        <OrgFilters list={list} department={false} />
        <DatePicker.RangePicker
          aria-label={t.common.dateRange}
          data-testid="filter-dates"
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(r) => list.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Checkbox checked={list.value('overdue') === 'true'} onChange={(e) => list.set({ overdue: e.target.checked ? 'true' : undefined })} data-testid="filter-overdue">
          {tr.overdueOnly}
        </Checkbox>
        <Checkbox checked={list.value('mine') === 'true'} onChange={(e) => list.set({ mine: e.target.checked ? 'true' : undefined })} data-testid="filter-mine">
          {tr.mineOnly}
        </Checkbox>
      </ListToolbar>
      <ListTable<TCaseSummary>
        testId="cases-table"
        list={list}
        data={data}
        loading={isFetching}
        columns={columns}
        rowClassName={(r) => (r.overdue ? 'ql-row-overdue' : '')}
      />
      <CaseCreateModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
