/** 预警线索: the screening alerts with filters, sorting and paging in the address bar, Excel export and the summary figures. */
import type { TScreeningAlert, TAlertRule } from '@qinglian/contracts';
import { DatePicker, Select, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { InstitutionSelect } from '../../org/components/Pickers.tsx';
import { useAlerts, useSummary } from '../api.ts';
import { SummaryCards } from '../components/SummaryCards.tsx';
import { AlertStatusTag, keysText, RuleName, ruleOptions, Score, statusOptions, yuan } from '../labels.tsx';

const month = (v: string | undefined): Dayjs | null => (v ? dayjs(`${v}-01`) : null);

export default function AlertsPage() {
  const t = useT();
  const ts = t.screening;
  usePageTitle(ts.alerts.title);
  const regionUser = useScope() === 'region';
  const list = useListParams({ status: 'open' });
  const { data, error } = useAlerts(list.query);
  const { data: summary } = useSummary();
  const onRule = useCallback((rule: TAlertRule) => list.set({ rule }), [list.set]);

  const columns: TableColumnsType<TScreeningAlert> = [
    { title: ts.common.rule, dataIndex: 'rule', key: 'rule', sorter: true, sortOrder: list.sortOrder('rule'), render: (r: TAlertRule) => <RuleName rule={r} />, width: 170 },
    ...(regionUser ? [{ title: ts.common.institution, dataIndex: 'institutionName', key: 'institution' }] : []),
    { title: ts.common.period, dataIndex: 'period', key: 'period', sorter: true, sortOrder: list.sortOrder('period') },
    { title: ts.common.keys, key: 'keys', width: 140, render: (_: unknown, a) => keysText(t, a.rule, a.keys) },
    {
      title: ts.alerts.summary,
      dataIndex: 'summary',
      key: 'summary',
      width: regionUser ? 220 : 260,
      render: (s: string, a) => (
        <Link to={`/screening/alerts/${a.id}`} data-testid="alert-link">
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ margin: 0, color: 'inherit' }}>
            {s}
          </Typography.Paragraph>
        </Link>
      ),
    },
    { title: ts.common.score, dataIndex: 'score', key: 'score', sorter: true, sortOrder: list.sortOrder('score'), render: (s: number) => <Score score={s} /> },
    { title: ts.common.amount, dataIndex: 'amount', key: 'amount', align: 'right', sorter: true, sortOrder: list.sortOrder('amount'), render: (v: string | null) => yuan(v) },
    { title: ts.common.status, dataIndex: 'status', key: 'status', render: (s: TScreeningAlert['status']) => <AlertStatusTag status={s} /> },
    { title: ts.common.firstSeen, dataIndex: 'firstSeenAt', key: 'firstSeenAt', sorter: true, sortOrder: list.sortOrder('firstSeenAt'), render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={ts.alerts.title}
        subtitle={ts.alerts.subtitle}
        extra={
          <>
            <ExportButton path="/api/screening/alerts/export" query={list.query} filename={ts.alerts.exportName} />
            <PrintButton />
          </>
        }
      />
      <SummaryCards summary={summary} onRule={onRule} />
      <ListToolbar list={list} placeholder={ts.alerts.search} statusFilter={false}>
        <Select
          aria-label={ts.common.rule}
          data-testid="filter-rule"
          placeholder={ts.common.rule}
          allowClear
          style={{ width: 200 }}
          value={list.value('rule')}
          onChange={(v) => list.set({ rule: v })}
          options={ruleOptions(t)}
          optionRender={(o) => <span title={o.data.title}>{o.label}</span>}
        />
        {regionUser && (
          <InstitutionSelect aria-label={ts.common.institution} placeholder={ts.common.allInstitutions} allowClear value={list.value('institutionId')} onChange={(v) => list.set({ institutionId: v })} />
        )}
        <Select
          aria-label={ts.common.status}
          data-testid="filter-status"
          style={{ width: 120 }}
          value={list.value('status') ?? 'all'}
          onChange={(v) => list.set({ status: v })}
          options={[...statusOptions(t), { value: 'all', label: t.common.all }]}
        />
        <DatePicker.RangePicker
          picker="month"
          aria-label={ts.common.period}
          data-testid="filter-period"
          placeholder={[ts.alerts.periodFrom, ts.alerts.periodTo]}
          value={[month(list.value('from')), month(list.value('to'))]}
          onChange={(r) => list.set({ from: r?.[0]?.format('YYYY-MM'), to: r?.[1]?.format('YYYY-MM') })}
        />
      </ListToolbar>
      <ListTable<TScreeningAlert> testId="alerts-table" list={list} data={data} columns={columns} error={error} locale={{ emptyText: ts.alerts.empty }} />
    </>
  );
}
