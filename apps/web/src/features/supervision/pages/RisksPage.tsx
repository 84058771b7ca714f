/** 廉政风险点: the institution's (or a department's) risk points with level, measures and reviews. */
import { AppstoreAddOutlined, PlusOutlined } from '@ant-design/icons';
import type { TRiskPoint } from '@qinglian/contracts';
import { App, Button, Checkbox, Popconfirm, Select, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ActiveToggle } from '../../../components/ActiveToggle.tsx';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { useCan, useMe } from '../../../lib/session.tsx';
import { formatDate } from '../../../lib/time.ts';
import { DepartmentSelect, InstitutionSelect } from '../../org/components/Pickers.tsx';
import { useRiskSummary, useRisks, useSaveRisk } from '../api.ts';
import { AdoptModal } from '../components/AdoptModal.tsx';
import { type MeasureEditing, MeasureForm, MeasuresTable } from '../components/Measures.tsx';
import { RiskForm } from '../components/RiskForm.tsx';
import { LevelTag, levelKeys, processKeys } from '../labels.tsx';

/** "已复核": records today's review; the server sets the next one a year on. */
export function ReviewButton({ point }: { point: TRiskPoint }) {
  const t = useT();
  const tr = t.supervision.risk;
  const { message } = App.useApp();
  const save = useSaveRisk();
  return (
    <Popconfirm
      title={tr.reviewConfirm}
      okText={t.common.ok}
      cancelText={t.common.cancel}
      // Not returned: the confirmation closes at once, the link shows the progress.
      onConfirm={() => {
        save
          .mutateAsync({ id: point.id, values: { reviewed: true } })
          .then((p) => message.success(tr.reviewedDone(formatDate(p.reviewOn))))
          .catch((e) => message.error(errorMessage(e)));
      }}
    >
      <Button type="link" size="small" loading={save.isPending} data-testid="risk-review">
        {tr.reviewed}
      </Button>
    </Popconfirm>
  );
}

/** Review date, red when past. */
export function ReviewDate({ point }: { point: TRiskPoint }) {
  const t = useT();
  return (
    <Space size={4}>
      <span>{formatDate(point.reviewOn)}</span>
      {point.reviewOverdue && (
        <Tag color="red" data-testid="review-overdue">
          {t.supervision.risk.reviewOverdue}
        </Tag>
      )}
    </Space>
  );
}

export default function RisksPage() {
  const t = useT();
  const tr = t.supervision.risk;
  usePageTitle(tr.title);
  const can = useCan();
  const me = useMe();
  const manage = can('risk.manage');
  const regionUser = useScope() === 'region';
  const departmentScoped = useScope() === 'department';
  const tm = t.supervision.more.risk;
  const list = useListParams();
  // 在用 (default) / 已停用 / 全部: the server lists active points unless asked for `active=false` or `all=true`.
  const status = list.value('all') === 'true' ? 'all' : list.value('active') === 'false' ? 'inactive' : 'active';
  const institutionId = list.value('institutionId') ?? me.institutionId;
  const { data, isFetching, error } = useRisks(list.query);
  const summary = useRiskSummary(regionUser && institutionId ? { institutionId } : {});
  const save = useSaveRisk();
  const [editing, setEditing] = useState<TRiskPoint | 'new' | null>(null);
  const [measure, setMeasure] = useState<MeasureEditing>(null);
  const [adopting, setAdopting] = useState(false);

  const columns: TableColumnsType<TRiskPoint> = [
    {
      title: tr.pointTitle,
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: list.sortOrder('title'),
      render: (v: string, r) => (
        <div style={{ maxWidth: 320 }}>
          <Link to={`/supervision/risks/${r.id}`}>{v}</Link>
          {!r.active && (
            <Tag style={{ marginLeft: 6 }} data-testid="risk-inactive">
              {tm.inactiveTag}
            </Tag>
          )}
          {r.postName && <div className="ql-muted">{t.common.labelled(tr.post, r.postName)}</div>}
        </div>
      ),
    },
    { title: t.supervision.department, dataIndex: 'departmentName', key: 'department', sorter: true, sortOrder: list.sortOrder('department'), render: (v: string | null) => v ?? tr.wholeInstitution },
    { title: tr.process, dataIndex: 'process', key: 'process', sorter: true, sortOrder: list.sortOrder('process'), render: (v: TRiskPoint['process']) => t.supervision.processes[v] },
    { title: tr.score, key: 'score', sorter: true, sortOrder: list.sortOrder('score'), render: (_v, r) => `${r.likelihood}×${r.impact}=${r.score}` },
    { title: tr.level, dataIndex: 'level', key: 'level', sorter: true, sortOrder: list.sortOrder('level'), render: (v: TRiskPoint['level']) => <LevelTag level={v} /> },
    {
      title: tr.measures,
      key: 'measures',
      sorter: true,
      sortOrder: list.sortOrder('measures'),
      render: (_v, r) => tr.measureProgress(r.measures.length, r.measures.filter((m) => m.status === 'done').length),
    },
    { title: tr.reviewOn, dataIndex: 'reviewOn', key: 'reviewOn', sorter: true, sortOrder: list.sortOrder('reviewOn'), render: (_v, r) => <ReviewDate point={r} /> },
  ];
  if (manage)
    columns.push(
      actionsColumn(
        t.common.actions,
        (r) => (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(r)} data-testid="row-edit">
              {t.common.edit}
            </Button>
            <ReviewButton point={r} />
            <Button type="link" size="small" onClick={() => setMeasure({ point: r })} data-testid="row-measure">
              {t.supervision.measure.add}
            </Button>
            <ActiveToggle active={r.active} confirm={tr.deactivateConfirm} onChange={(active) => save.mutateAsync({ id: r.id, values: { active } })} testId="row-toggle" />
          </Space>
        ),
        260,
      ),
    );

  return (
    <>
      <PageHeader
        title={tr.title}
        subtitle={summary.data && <span data-testid="risk-totals">{tr.totals(summary.data.points, summary.data.measures)}</span>}
        extra={
          <>
            {manage && (
              <Button icon={<AppstoreAddOutlined />} onClick={() => setAdopting(true)} data-testid="adopt-button">
                {tr.adopt}
              </Button>
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-button">
                {tr.create}
              </Button>
            )}
            <ExportButton path="/api/supervision/risks/export" query={list.query} filename={tm.exportName} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tr.searchPlaceholder} statusFilter={false}>
        {regionUser && (
          <InstitutionSelect aria-label={t.supervision.institution} placeholder={t.supervision.institution} allowClear value={list.value('institutionId')} onChange={(v) => list.set({ institutionId: v, departmentId: undefined })} />
        )}
        {!departmentScoped && (
          <DepartmentSelect
            institutionId={institutionId}
            aria-label={t.supervision.department}
            placeholder={t.supervision.department}
            allowClear
            value={list.value('departmentId')}
            onChange={(v) => list.set({ departmentId: v })}
            data-testid="filter-department"
          />
        )}
        <Select
          aria-label={tr.process}
          placeholder={tr.process}
          allowClear
          style={{ width: 150 }}
          value={list.value('process')}
          onChange={(v) => list.set({ process: v })}
          options={processKeys(t).map((p) => ({ value: p, label: t.supervision.processes[p] }))}
          data-testid="filter-process"
        />
        <Select
          aria-label={tr.level}
          placeholder={tr.level}
          allowClear
          style={{ width: 110 }}
          value={list.value('level')}
          onChange={(v) => list.set({ level: v })}
          options={levelKeys(t).map((l) => ({ value: l, label: t.supervision.levels[l] }))}
          data-testid="filter-level"
        />
        <Checkbox checked={list.value('reviewOverdue') === 'true'} onChange={(e) => list.set({ reviewOverdue: e.target.checked ? 'true' : undefined })} data-testid="filter-overdue">
          {tr.overdueOnly}
        </Checkbox>
        <Select
          aria-label={tm.statusFilter}
          style={{ width: 100 }}
          value={status}
          onChange={(v) => list.set({ active: v === 'inactive' ? 'false' : undefined, all: v === 'all' ? 'true' : undefined })}
          options={[
            { value: 'active', label: tm.statusActive },
            { value: 'inactive', label: tm.statusInactive },
            { value: 'all', label: tm.statusAll },
          ]}
          data-testid="filter-active"
        />
      </ListToolbar>
      <ListTable<TRiskPoint>
        testId="risks-table"
        list={list}
        data={data}
        loading={isFetching}
        error={error}
        columns={columns}
        expandable={{ expandedRowRender: (r) => <MeasuresTable point={r} onEdit={manage ? setMeasure : undefined} /> }}
      />
      <RiskForm editing={editing} onClose={() => setEditing(null)} />
      <MeasureForm editing={measure} onClose={() => setMeasure(null)} />
      <AdoptModal open={adopting} onClose={() => setAdopting(false)} />
    </>
  );
}
