/**
 * 采购人对比: the buyers of the user's scope compared on flags (per kind, flagged share), spending and
 * the top supplier's share — charts over the table, sortable, printable, CSV export.
 */
import type { TTenderBuyer } from '@qinglian/contracts';
import { DatePicker, Progress, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router';
import { CsvExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { toQuery } from '../../../lib/api.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { InstitutionSelect } from '../../org/components/Pickers.tsx';
import { useBuyers } from '../api.ts';
import { FlagTags, flagCodes, formatYuan, percent } from '../labels.tsx';
import '../tenders.css';

// ECharts loads after the table is on screen.
const BuyersCharts = lazy(() => import('../components/BuyersCharts.tsx').then((m) => ({ default: m.BuyersCharts })));

type Row = TTenderBuyer & { id: string };

export default function BuyersPage() {
  const t = useT();
  const tb = t.tenders.buyers;
  usePageTitle(tb.title);
  const regionUser = useScope() === 'region';
  const list = useListParams({ sort: 'flaggedShare', order: 'desc' });
  const { data, isFetching, error } = useBuyers(list.query);
  const rows = useMemo(() => (data ? { ...data, items: data.items.map((b) => ({ ...b, id: `${b.buyerId}|${b.institutionId}` })) } : undefined), [data]);
  const from = list.value('from');
  const to = list.value('to');
  const codes = flagCodes(t);

  /** The process list filtered to this buyer (and period). */
  const processesOf = (b: TTenderBuyer) => `/tenders${toQuery({ buyerId: b.buyerId, institutionId: b.institutionId, from, to })}`;

  const columns: TableColumnsType<Row> = [
    {
      title: tb.buyer,
      dataIndex: 'buyerName',
      key: 'buyerName',
      sorter: true,
      sortOrder: list.sortOrder('buyerName'),
      // The institution only when it is not the buyer itself (unmatched buyers stay at region level).
      render: (v: string | null, b) => (
        <div className="ql-tender-buyer">
          <Link to={processesOf(b)} title={tb.viewProcesses} data-testid="buyer-processes">
            {v ?? b.buyerId ?? tb.unknownBuyer}
          </Link>
          <div className="ql-muted">{[b.buyerId, b.institutionName !== v ? (b.institutionName ?? t.tenders.list.regionLevel) : null].filter(Boolean).join(' · ')}</div>
        </div>
      ),
    },
    { title: tb.processes, dataIndex: 'processes', key: 'processes', align: 'right', sorter: true, sortOrder: list.sortOrder('processes') },
    { title: tb.flagged, dataIndex: 'flaggedProcesses', key: 'flaggedProcesses', align: 'right', sorter: true, sortOrder: list.sortOrder('flaggedProcesses') },
    {
      title: tb.flaggedShare,
      dataIndex: 'flaggedShare',
      key: 'flaggedShare',
      sorter: true,
      sortOrder: list.sortOrder('flaggedShare'),
      render: (v: number) => <Progress percent={Math.round(v * 1000) / 10} size="small" strokeColor="#cf1322" style={{ width: 110, margin: 0 }} format={(p) => `${p}%`} />,
    },
    { title: tb.awardedValue, dataIndex: 'awardedValue', key: 'awardedValue', align: 'right', sorter: true, sortOrder: list.sortOrder('awardedValue'), render: (v: string) => formatYuan(v) },
    {
      title: tb.topSupplier,
      key: 'topSupplier',
      render: (_v, b) =>
        b.topSupplierName ? (
          <div className="ql-tender-suppliers">
            {b.topSupplierName}
            <div className="ql-muted">{tb.topShare(percent(b.topSupplierShare))}</div>
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: tb.flagCounts,
      key: 'flagCounts',
      render: (_v, b) => (
        <FlagTags flags={codes.filter((c) => b.flagCounts[c]).map((c) => ({ code: c }))} t={t} counts={b.flagCounts} />
      ),
    },
  ];

  const csv = async () => ({
    header: [tb.buyer, tb.institution, tb.processes, tb.flagged, tb.flaggedShare, tb.awardedValue, tb.topSupplier, tb.seriesTop, ...codes.map((c) => `${c} ${t.tenders.flags[c]}`)],
    rows: (data?.items ?? []).map((b) => [
      b.buyerName ?? b.buyerId ?? '',
      b.institutionName ?? t.tenders.list.regionLevel,
      b.processes,
      b.flaggedProcesses,
      percent(b.flaggedShare),
      b.awardedValue,
      b.topSupplierName ?? '',
      percent(b.topSupplierShare),
      ...codes.map((c) => b.flagCounts[c] ?? 0),
    ]),
  });

  return (
    <>
      <PageHeader
        title={tb.title}
        subtitle={tb.subtitle}
        extra={
          <>
            <CsvExportButton filename={`${tb.title}.csv`} build={csv} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tb.search} statusFilter={false}>
        {regionUser && (
          <InstitutionSelect
            aria-label={tb.institution}
            placeholder={t.tenders.list.allInstitutions}
            allowClear
            value={list.value('institutionId')}
            onChange={(v) => list.set({ institutionId: v })}
            data-testid="filter-institution"
          />
        )}
        <DatePicker.RangePicker
          aria-label={t.tenders.list.period}
          placeholder={[t.tenders.list.periodFrom, t.tenders.list.periodTo]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(r) => list.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          data-testid="filter-dates"
        />
      </ListToolbar>
      <Suspense fallback={null}>{data && <BuyersCharts buyers={data.items} />}</Suspense>
      <ListTable<Row> testId="buyers-table" size="small" list={list} data={rows} loading={isFetching} error={error} columns={columns} />
    </>
  );
}
