/** 招标项目: the processes in the user's scope with their flags — search, filters, sorting, paging, Excel export, print. */
import { UploadOutlined } from '@ant-design/icons';
import type { TTenderProcess } from '@qinglian/contracts';
import { Button, Checkbox, DatePicker, Select, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
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
import { InstitutionSelect } from '../../org/components/Pickers.tsx';
import { useBuyers, useTenders } from '../api.ts';
import { FlagTags, flagCodes, isHospital, labelOf, money } from '../labels.tsx';
import '../tenders.css';

export default function TendersPage() {
  const t = useT();
  const tt = t.tenders;
  const tl = tt.list;
  usePageTitle(tl.title);
  const can = useCan();
  const regionUser = useScope() === 'region';
  // Newest first: what the office looks at is what was bought lately.
  const list = useListParams({ sort: 'tenderStart', order: 'desc' });
  const { data, isFetching, error } = useTenders(list.query);
  // The flagged count beside the total: the same filters, flagged only, one row.
  const { page: _p, pageSize: _s, ...filters } = list.query;
  const flaggedOnly = list.value('flagged') === 'true';
  const flagged = useTenders({ ...filters, flagged: 'true', pageSize: 1 });
  const buyers = useBuyers({ institutionId: list.value('institutionId'), pageSize: 500, sort: 'buyerName', order: 'asc' });
  const buyerOptions = useMemo(
    () => (buyers.data?.items ?? []).filter((b) => b.buyerId).map((b) => ({ value: b.buyerId!, label: b.buyerName ?? b.buyerId! })),
    [buyers.data],
  );
  const from = list.value('from');
  const to = list.value('to');
  const flagValue = list.value('code') ? `code:${list.value('code')}` : list.value('kind') ? `kind:${list.value('kind')}` : undefined;
  const codes = flagCodes(t);

  const columns: TableColumnsType<TTenderProcess> = [
    {
      title: tl.project,
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: list.sortOrder('title'),
      render: (v: string | null, r) => (
        <div className="ql-tender-title">
          <Link to={`/tenders/${r.id}`} data-testid="tender-link">
            {v ?? r.ocid}
          </Link>
          <div className="ql-muted">{r.ocid}</div>
        </div>
      ),
    },
    {
      title: tl.buyer,
      dataIndex: 'buyerName',
      key: 'buyerName',
      sorter: true,
      sortOrder: list.sortOrder('buyerName'),
      // The institution only when it is not the buyer itself (region users see unmatched, region-level processes).
      render: (v: string | null, r) => (
        <div className="ql-tender-buyer">
          {v ?? r.buyerId ?? '—'}
          {regionUser && r.institutionName !== v && <div className="ql-muted">{r.institutionName ?? tl.regionLevel}</div>}
        </div>
      ),
    },
    { title: tl.method, dataIndex: 'procurementMethod', key: 'procurementMethod', sorter: true, sortOrder: list.sortOrder('procurementMethod'), render: (v: string | null) => <div className="ql-tender-method">{labelOf(tt.methods, v)}</div> },
    { title: tl.tenderStart, dataIndex: 'tenderStart', key: 'tenderStart', sorter: true, sortOrder: list.sortOrder('tenderStart'), render: (v: string | null) => formatDateTime(v).slice(0, 10) },
    {
      title: tl.awardedValue,
      dataIndex: 'awardedValue',
      key: 'awardedValue',
      sorter: true,
      sortOrder: list.sortOrder('awardedValue'),
      render: (v: string | null, r) => (
        <div className="ql-tender-award">
          <div className="ql-tender-amount">{v ? money(v, r.awardedCurrency) : '—'}</div>
          {r.suppliers && <div className="ql-muted">{r.suppliers}</div>}
        </div>
      ),
    },
    { title: tl.bidCount, dataIndex: 'bidCount', key: 'bidCount', align: 'right', width: 80, sorter: true, sortOrder: list.sortOrder('bidCount') },
    { title: tl.flags, key: 'flags', sorter: true, sortOrder: list.sortOrder('flags'), render: (_v, r) => <FlagTags flags={r.flags} t={t} /> },
  ];

  return (
    <>
      <PageHeader
        title={tl.title}
        subtitle={data && <span data-testid="tender-totals">{tl.subtitle(data.total, flaggedOnly ? null : (flagged.data?.total ?? null))}</span>}
        extra={
          <>
            {can('tender.import') && (
              <Link to="/tenders/import">
                <Button icon={<UploadOutlined />}>{tl.importData}</Button>
              </Link>
            )}
            <ExportButton path="/api/tenders/export" query={list.query} filename={`${tl.title}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tl.search} statusFilter={false}>
        {regionUser && (
          <InstitutionSelect
            aria-label={tl.institution}
            placeholder={tl.allInstitutions}
            allowClear
            value={list.value('institutionId')}
            onChange={(v) => list.set({ institutionId: v, buyerId: undefined })}
            data-testid="filter-institution"
          />
        )}
        <Select
          aria-label={tl.buyer}
          placeholder={tl.buyer}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          loading={buyers.isLoading}
          value={list.value('buyerId')}
          onChange={(v) => list.set({ buyerId: v })}
          options={buyerOptions}
          data-testid="filter-buyer"
        />
        <Select
          aria-label={tl.method}
          placeholder={tl.method}
          allowClear
          style={{ width: 150 }}
          value={list.value('method')}
          onChange={(v) => list.set({ method: v })}
          options={Object.entries(tt.methods).map(([value, label]) => ({ value, label }))}
          data-testid="filter-method"
        />
        <Select
          aria-label={tl.flag}
          placeholder={tl.flag}
          allowClear
          style={{ width: 230 }}
          popupMatchSelectWidth={300}
          value={flagValue}
          onChange={(v?: string) => {
            const [k, x] = v ? v.split(':') : [];
            list.set({ code: k === 'code' ? x : undefined, kind: k === 'kind' ? x : undefined });
          }}
          options={[
            { label: tt.kinds.indicator, title: tt.kinds.indicator, options: [{ value: 'kind:indicator', label: tt.anyOfKind.indicator }, ...codes.filter((c) => !isHospital(c)).map((c) => ({ value: `code:${c}`, label: `${c} ${tt.flags[c]}` }))] },
            { label: tt.kinds.hospital, title: tt.kinds.hospital, options: [{ value: 'kind:hospital', label: tt.anyOfKind.hospital }, ...codes.filter(isHospital).map((c) => ({ value: `code:${c}`, label: `${c} ${tt.flags[c]}` }))] },
          ]}
          data-testid="filter-flag"
        />
        <DatePicker.RangePicker
          aria-label={tl.period}
          placeholder={[tl.periodFrom, tl.periodTo]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(r) => list.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          data-testid="filter-dates"
        />
        <Checkbox checked={flaggedOnly} onChange={(e) => list.set({ flagged: e.target.checked ? 'true' : undefined })} data-testid="filter-flagged">
          {tl.onlyFlagged}
        </Checkbox>
      </ListToolbar>
      <ListTable<TTenderProcess> testId="tenders-table" size="small" list={list} data={data} loading={isFetching} error={error} columns={columns} />
    </>
  );
}
