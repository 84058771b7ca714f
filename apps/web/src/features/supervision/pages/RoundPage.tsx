/** One round: its plan, the per-department checklist (phone-friendly), results, findings, completion. */
import { ArrowLeftOutlined, CheckCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { TRectification, TRound } from '@qinglian/contracts';
import { App, Button, Descriptions, Popconfirm, Result, Select, Skeleton, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useRectifications, useRound, useRoundStep, useTemplates } from '../api.ts';
import { ChecklistForm, ScoreSummary } from '../components/ChecklistForm.tsx';
import { FindingForm } from '../components/FindingForm.tsx';
import { RectStatus, RoundStatusTag } from '../labels.tsx';
import '../supervision.css';

type Row = { departmentId: string; departmentName: string; result?: TRound['results'][number] };

function Results({ round, onFill }: { round: TRound; onFill?: (departmentId: string) => void }) {
  const t = useT();
  const tr = t.supervision.round;
  const rows: Row[] = round.departmentIds.map((id, i) => ({ departmentId: id, departmentName: round.departmentNames[i] ?? '', result: round.results.find((r) => r.departmentId === id) }));
  const columns: TableColumnsType<Row> = [
    { title: t.supervision.department, dataIndex: 'departmentName', key: 'department' },
    { title: tr.result, key: 'result', render: (_v, r) => (r.result ? <ScoreSummary result={r.result} /> : <Tag>{tr.notFilled}</Tag>) },
  ];
  if (onFill)
    columns.push({
      title: t.common.actions,
      key: 'actions',
      className: 'ql-no-print',
      render: (_v, r) => (
        <Button type="link" size="small" onClick={() => onFill(r.departmentId)} data-testid="fill-checklist">
          {r.result ? tr.refill : tr.fill}
        </Button>
      ),
    });
  return (
    <div data-testid="results-table">
      <Table<Row> rowKey="departmentId" size="small" pagination={false} columns={columns} dataSource={rows} />
    </div>
  );
}

function Findings({ round, manage }: { round: TRound; manage: boolean }) {
  const t = useT();
  const tr = t.supervision.round;
  const { data, isFetching } = useRectifications({ roundId: round.id, pageSize: 100 });
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<TRectification> = [
    { title: tr.description, dataIndex: 'description', key: 'description', render: (v: string, r) => <Link to={`/supervision/rectifications/${r.id}`}>{v}</Link> },
    { title: t.supervision.department, dataIndex: 'departmentName', key: 'department' },
    { title: tr.kind, dataIndex: 'kind', key: 'kind', render: (v: TRectification['kind']) => t.supervision.findingKinds[v] },
    { title: tr.responsible, dataIndex: 'responsibleName', key: 'responsible' },
    { title: tr.deadline, dataIndex: 'deadline', key: 'deadline', render: formatDate },
    { title: t.common.status, key: 'status', render: (_v, r) => <RectStatus r={r} /> },
  ];
  return (
    <>
      {manage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 12 }} data-testid="add-finding">
          {tr.addFinding}
        </Button>
      )}
      <div data-testid="findings-table">
        <Table<TRectification> rowKey="id" size="small" loading={isFetching} pagination={false} columns={columns} dataSource={data?.items} scroll={{ x: 'max-content' }} />
      </div>
      <FindingForm round={round} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}

export default function RoundPage() {
  const t = useT();
  const tr = t.supervision.round;
  const { id } = useParams();
  const { message } = App.useApp();
  const { data: round, isLoading, error } = useRound(id);
  const templates = useTemplates();
  const manage = useCan()('inspection.manage');
  const { complete } = useRoundStep(id ?? '');
  const [sp, setSp] = useSearchParams();
  const asked = sp.get('tab') ?? 'checklist';
  const setTab = (k: string) => setSp((p) => ({ ...Object.fromEntries(p), tab: k }), { replace: true });
  const [department, setDepartment] = useState<string | undefined>();
  usePageTitle(round?.title ?? tr.title);
  const back = (
    <Link to="/supervision/rounds">
      <Button icon={<ArrowLeftOutlined />}>{tr.backToList}</Button>
    </Link>
  );
  if (isLoading) return <Skeleton active />;
  if (error || !round) return <Result status="404" title={tr.notFound} extra={back} />;

  const sections = templates.data?.find((x) => x.id === round.templateId)?.sections;
  const open = round.status !== 'completed';
  // The checklist is for the office while the round is open; everyone else lands on the results.
  const tab = asked === 'checklist' && !(manage && open) ? 'results' : asked;
  // The first department not yet checked, until the user picks one; kept after a submit so its result stays on screen.
  const departmentId = department ?? round.departmentIds.find((d) => !round.results.some((r) => r.departmentId === d)) ?? round.departmentIds[0];
  if (!department && departmentId) setDepartment(departmentId);
  const departmentName = round.departmentNames[round.departmentIds.indexOf(departmentId ?? '')] ?? '';
  const fill = (d: string) => {
    setDepartment(d);
    setTab('checklist');
  };

  return (
    <div className="ql-round-page">
      <PageHeader
        title={round.title}
        subtitle={<RoundStatusTag status={round.status} />}
        extra={
          <>
            {back}
            {manage && open && (
              <Popconfirm
                title={tr.completeConfirm}
                okText={t.common.ok}
                cancelText={t.common.cancel}
                onConfirm={() =>
                  complete
                    .mutateAsync()
                    .then(() => message.success(tr.completed))
                    .catch((e) => message.error(errorMessage(e)))
                }
              >
                <Button icon={<CheckCircleOutlined />} loading={complete.isPending} data-testid="complete-round">
                  {tr.complete}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }} style={{ marginBottom: 16 }} data-testid="round-facts">
        <Descriptions.Item label={tr.plannedOn}>{formatDate(round.plannedOn)}</Descriptions.Item>
        <Descriptions.Item label={tr.methods}>{round.methods.map((m) => t.supervision.methods[m]).join('、')}</Descriptions.Item>
        <Descriptions.Item label={tr.template}>{round.templateName}</Descriptions.Item>
        <Descriptions.Item label={tr.team}>{round.teamNames.join('、')}</Descriptions.Item>
        <Descriptions.Item label={tr.departments}>{round.departmentNames.join('、')}</Descriptions.Item>
        <Descriptions.Item label={tr.findings}>{round.findings}</Descriptions.Item>
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(manage && open
            ? [
                {
                  key: 'checklist',
                  label: tr.checklist,
                  children: (
                    <>
                      <Select
                        aria-label={tr.pickDepartment}
                        value={departmentId}
                        onChange={setDepartment}
                        options={round.departmentIds.map((d, i) => ({ value: d, label: round.departmentNames[i] }))}
                        style={{ width: '100%', maxWidth: 360, marginBottom: 12 }}
                        size="large"
                        data-testid="checklist-department"
                      />
                      {sections && departmentId ? (
                        <ChecklistForm key={departmentId} roundId={round.id} departmentId={departmentId} departmentName={departmentName} sections={sections} />
                      ) : (
                        <Skeleton active />
                      )}
                    </>
                  ),
                },
              ]
            : []),
          { key: 'results', label: tr.results, children: <Results round={round} onFill={manage && open ? fill : undefined} /> },
          { key: 'findings', label: tr.findingsN(round.findings), children: <Findings round={round} manage={manage} /> },
        ]}
      />
    </div>
  );
}
