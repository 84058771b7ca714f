/** One round: its plan (changed or cancelled while planned), the per-department checklist (phone-friendly), results item by item, findings, completion. */
import { ArrowLeftOutlined, CheckCircleOutlined, CloseCircleOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TRectification, TRound } from '@qinglian/contracts';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Popconfirm, Result, Select, Skeleton, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useCan, useMe } from '../../../lib/session.tsx';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useRectifications, useRound, useRoundEdit, useRoundStep } from '../api.ts';
import { PhotoStrip } from '../components/Attachments.tsx';
import { ChecklistForm, ScoreSummary } from '../components/ChecklistForm.tsx';
import { FindingForm } from '../components/FindingForm.tsx';
import { RoundForm } from '../components/RoundForm.tsx';
import { RectStatus, RoundStatusTag } from '../labels.tsx';
import '../supervision.css';

type Row = { departmentId: string; departmentName: string; result?: TRound['results'][number] };
type ItemRow = { key: string; section: string; text: string; weight: number; answer?: TRound['results'][number]['answers'][number] };

/** One department's checklist, item by item: the answer, a custom score, the note and photos; failed items stand out. */
function ResultDetail({ round, result }: { round: TRound; result: TRound['results'][number] }) {
  const t = useT();
  const tr = t.supervision.round;
  const byItem = new Map(result.answers.map((a) => [a.itemId, a]));
  const rows: ItemRow[] = round.checklist.flatMap((s) => s.items.map((i) => ({ key: i.id, section: s.title, text: i.text, weight: i.weight, answer: byItem.get(i.id) })));
  const failed = rows.filter((r) => r.answer?.answer === 'no').length;
  const color = { yes: 'green', no: 'red', na: 'default' } as const;
  return (
    <div data-testid="result-detail" style={{ padding: '4px 0' }}>
      <div className="ql-muted" style={{ marginBottom: 6 }}>
        {t.common.labelled(tr.filledAt, formatDateTime(result.filledAt))}
        {failed > 0 && (
          <Tag color="red" style={{ marginLeft: 8 }} data-testid="failed-items">
            {tr.failedItems(failed)}
          </Tag>
        )}
      </div>
      <Table<ItemRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        rowClassName={(r) => (r.answer?.answer === 'no' ? 'ql-row-failed' : '')}
        columns={[
          { title: t.supervision.template.sections, dataIndex: 'section', key: 'section', width: 120 },
          { title: tr.item, dataIndex: 'text', key: 'text', render: (v: string, r) => `${v}${tr.weightOf(r.weight)}` },
          { title: tr.answer, key: 'answer', width: 90, render: (_v, r) => (r.answer ? <Tag color={color[r.answer.answer]}>{t.supervision.answers[r.answer.answer]}</Tag> : t.common.none) },
          { title: tr.itemScore, key: 'score', width: 70, align: 'right', render: (_v, r) => (r.answer?.answer === 'na' ? '—' : (r.answer?.score ?? (r.answer?.answer === 'yes' ? 100 : 0))) },
          { title: tr.note, key: 'note', render: (_v, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.answer?.note ?? ''}</span> },
          { title: tr.photos, key: 'photos', render: (_v, r) => (r.answer?.photoIds.length ? <PhotoStrip ids={r.answer.photoIds} /> : null) },
        ]}
      />
    </div>
  );
}

function Results({ round, onFill, ownDepartment }: { round: TRound; onFill?: (departmentId: string) => void; ownDepartment?: string | null }) {
  const t = useT();
  const tr = t.supervision.round;
  const all: Row[] = round.departmentIds.map((id, i) => ({ departmentId: id, departmentName: round.departmentNames[i] ?? '', result: round.results.find((r) => r.departmentId === id) }));
  // A department's head sees their own department's result only (the server sends no other).
  const rows = ownDepartment ? all.filter((r) => r.departmentId === ownDepartment) : all;
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
      <Table<Row>
        rowKey="departmentId"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={rows}
        expandable={{
          defaultExpandAllRows: true,
          rowExpandable: (r) => !!r.result,
          expandedRowRender: (r) => (r.result ? <ResultDetail round={round} result={r.result} /> : null),
        }}
      />
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
  const manage = useCan()('inspection.manage');
  const departmentScoped = useScope() === 'department';
  const me = useMe();
  const { complete } = useRoundStep(id ?? '');
  const { cancel } = useRoundEdit(id ?? '');
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelForm] = Form.useForm<{ reason: string }>();
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

  // The round's own checklist (the template version it was planned with).
  const sections = round.checklist;
  const open = round.status !== 'completed' && round.status !== 'cancelled';
  const planned = round.status === 'planned';
  const doCancel = async () => {
    let reason: string;
    try {
      reason = (await cancelForm.validateFields()).reason;
    } catch {
      return;
    }
    try {
      await cancel.mutateAsync({ reason });
      message.success(tr.cancelled);
      setCancelling(false);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
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
            {manage && planned && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-round">
                  {tr.edit}
                </Button>
                <Button danger icon={<CloseCircleOutlined />} onClick={() => setCancelling(true)} data-testid="cancel-round">
                  {tr.cancel}
                </Button>
              </>
            )}
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
      {round.status === 'cancelled' && (
        <Alert type="warning" showIcon title={tr.cancelledBanner(round.cancelReason ?? '')} style={{ marginBottom: 16 }} data-testid="cancelled-banner" />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }} style={{ marginBottom: 16 }} data-testid="round-facts">
        <Descriptions.Item label={tr.plannedOn}>{formatDate(round.plannedOn)}</Descriptions.Item>
        <Descriptions.Item label={tr.methods}>{round.methods.map((m) => t.supervision.methods[m]).join('、')}</Descriptions.Item>
        <Descriptions.Item label={tr.template}>{tr.templateVersion(round.templateName, round.templateVersion)}</Descriptions.Item>
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
                      {sections.length && departmentId ? (
                        <ChecklistForm key={departmentId} roundId={round.id} departmentId={departmentId} departmentName={departmentName} sections={sections} />
                      ) : (
                        <Skeleton active />
                      )}
                    </>
                  ),
                },
              ]
            : []),
          { key: 'results', label: tr.results, children: <Results round={round} onFill={manage && open ? fill : undefined} ownDepartment={departmentScoped ? me.departmentId : null} /> },
          { key: 'findings', label: tr.findingsN(round.findings), children: <Findings round={round} manage={manage} /> },
        ]}
      />
      {manage && planned && <RoundForm open={editing} onClose={() => setEditing(false)} round={round} />}
      <Modal
        open={cancelling}
        title={tr.cancelTitle}
        okText={tr.cancel}
        okButtonProps={{ danger: true, loading: cancel.isPending }}
        cancelText={t.common.cancel}
        onOk={doCancel}
        onCancel={() => setCancelling(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={tr.cancelHint} style={{ marginBottom: 12 }} />
        <Form form={cancelForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={tr.cancelReason} rules={[{ required: true, whitespace: true, min: 2, message: tr.cancelReasonRequired }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="cancel-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
