/** 接待台账: every visit with its hosts' record and confirmations; .xlsx ledger and the screening CSV. */
import { FileTextOutlined } from '@ant-design/icons';
import { VISIT_STATUSES, type TVisit } from '@qinglian/contracts';
import { App, Button, DatePicker, Descriptions, Select, Space, type TableColumnsType, Tag } from 'antd';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { download } from '../../../lib/api.ts';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { formatDateTime, fromIsoDate, toIsoDate } from '../../../lib/time.ts';
import { OrgFilters } from '../../org/components/OrgFilters.tsx';
import { useVisits } from '../api.ts';
import { CompanySelect, RepSelect } from '../components/Pickers.tsx';
import { VisitStatusTag } from '../components/RepTags.tsx';

export default function VisitsPage() {
  const t = useT();
  const tr = t.reps;
  usePageTitle(tr.visits.title);
  const { message } = App.useApp();
  const list = useListParams();
  const { data, error } = useVisits(list.query);
  const { page: _p, pageSize: _s, ...filters } = list.query;

  const columns: TableColumnsType<TVisit> = [
    { title: tr.visits.number, dataIndex: 'number', key: 'number', sorter: true, sortOrder: list.sortOrder('number') },
    { title: tr.visits.checkedIn, dataIndex: 'checkedInAt', key: 'checkedInAt', sorter: true, sortOrder: list.sortOrder('checkedInAt'), render: (v: string) => formatDateTime(v) },
    { title: tr.visits.checkedOut, dataIndex: 'checkedOutAt', key: 'checkedOutAt', render: (v: string | null) => formatDateTime(v) },
    { title: tr.common.rep, key: 'repName', sorter: true, sortOrder: list.sortOrder('repName'), render: (_: unknown, v) => `${v.repName ?? ''}（${v.companyName}）` },
    { title: tr.common.department, key: 'departmentName', sorter: true, sortOrder: list.sortOrder('departmentName'), render: (_: unknown, v) => `${v.departmentName}${v.room ? ` · ${v.room}` : ''}` },
    { title: tr.common.purpose, dataIndex: 'purpose', key: 'purpose', width: 200 },
    {
      title: tr.common.hosts,
      key: 'hosts',
      render: (_: unknown, v) => (
        <Space size={4} wrap>
          {v.hosts.map((h) => (
            <Tag key={h.personId} color={h.confirmedAt ? 'green' : 'default'} title={h.confirmedAt ? tr.visits.confirmed : tr.visits.unconfirmed}>
              {h.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (s: TVisit['status']) => <VisitStatusTag status={s} /> },
  ];

  const csv = async () => {
    try {
      await download('/api/reps/visits/export', { ...filters, format: 'csv' }, 'rep_visits.csv');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeader
        title={tr.visits.title}
        subtitle={tr.visits.subtitle}
        extra={
          <>
            <ExportButton path="/api/reps/visits/export" query={list.query} filename={`${tr.visits.title}.xlsx`} />
            <Button icon={<FileTextOutlined />} onClick={csv} data-testid="export-csv">
              {tr.visits.exportCsv}
            </Button>
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tr.visits.search} statusFilter={false}>
        <OrgFilters list={list} department={false} />
        <CompanySelect
          aria-label={tr.common.company}
          placeholder={tr.visits.allCompanies}
          allowClear
          style={{ width: 200 }}
          value={list.value('companyId')}
          onChange={(v) => list.set({ companyId: v, repId: undefined })}
          data-testid="filter-company"
        />
        <RepSelect
          aria-label={tr.common.rep}
          placeholder={tr.visits.allReps}
          allowClear
          style={{ width: 200 }}
          companyId={list.value('companyId')}
          value={list.value('repId')}
          onChange={(v) => list.set({ repId: v })}
          data-testid="filter-rep"
        />
        <DatePicker.RangePicker
          aria-label={tr.common.period}
          value={[fromIsoDate(list.value('from')), fromIsoDate(list.value('to'))]}
          onChange={(r) => list.set({ from: toIsoDate(r?.[0]), to: toIsoDate(r?.[1]) })}
          data-testid="period-filter"
        />
        <Select
          aria-label={t.common.status}
          placeholder={t.common.status}
          allowClear
          style={{ width: 140 }}
          value={list.value('status')}
          onChange={(v) => list.set({ status: v })}
          options={VISIT_STATUSES.map((s) => ({ value: s, label: tr.visitStatus[s] }))}
        />
      </ListToolbar>
      <ListTable<TVisit>
        testId="visits-table"
        list={list}
        data={data}
        columns={columns}
        error={error}
        expandable={{
          rowExpandable: (v) => !!v.content,
          expandedRowRender: (v) => (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={tr.common.products}>{v.products.join('、')}</Descriptions.Item>
              <Descriptions.Item label={tr.visits.content}>{v.content}</Descriptions.Item>
              <Descriptions.Item label={tr.visits.materials}>{v.materials || tr.common.none}</Descriptions.Item>
              <Descriptions.Item label={tr.visits.attendees}>{v.attendees.join('、') || tr.common.none}</Descriptions.Item>
              <Descriptions.Item label={tr.common.hosts}>
                {v.hosts.map((h) => `${h.name} ${h.confirmedAt ? `${tr.visits.confirmed} ${formatDateTime(h.confirmedAt)}` : tr.visits.unconfirmed}`).join('；')}
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
      />
    </>
  );
}
