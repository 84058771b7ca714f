/** 谈话记录: counts by kind for a period and scope ("提醒谈话 79 次、批评谈话 35 次…") and the talks themselves. */
import { PlusOutlined } from '@ant-design/icons';
import type { TTalk } from '@qinglian/contracts';
import { Button, Card, Checkbox, Col, DatePicker, Row, Select, Space, Statistic, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { ALL, useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { useCan, useMe } from '../../../lib/session.tsx';
import { formatDate, fromIsoDate, nowInChina, toIsoDate } from '../../../lib/time.ts';
import { DepartmentSelect, InstitutionSelect } from '../../org/components/Pickers.tsx';
import { useTalkCounts, useTalks } from '../api.ts';
import { FollowUpForm, followUpState } from '../components/FollowUpForm.tsx';
import { TalkForm } from '../components/TalkForm.tsx';
import { TalkKindTag, talkKindKeys } from '../labels.tsx';

/** Record and follow-up of a talk, under its expanded row. */
function TalkText({ talk }: { talk: TTalk }) {
  const t = useT();
  const tt = t.supervision.talk;
  const tm = t.supervision.more.talk;
  return (
    <div style={{ whiteSpace: 'pre-wrap' }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{talk.record || t.common.none}</Typography.Paragraph>
      {talk.followUp && <Typography.Paragraph style={{ marginBottom: 4 }}>{t.common.labelled(tt.followUp, talk.followUp)}</Typography.Paragraph>}
      {talk.followUpResult && <Typography.Paragraph style={{ marginBottom: 0 }}>{t.common.labelled(tm.followUpResult, talk.followUpResult)}</Typography.Paragraph>}
    </div>
  );
}

/** The reason, linked to its finding or case. */
export function Reason({ talk }: { talk: TTalk }) {
  const t = useT();
  const link = talk.reasonRef && (talk.reasonKind === 'finding' ? `/supervision/rectifications/${talk.reasonRef}` : talk.reasonKind === 'case' ? `/cases/${talk.reasonRef}` : null);
  return (
    <div style={{ maxWidth: 280 }}>
      <Typography.Text type="secondary">{t.common.labelled(t.supervision.reasonKinds[talk.reasonKind], '')}</Typography.Text>
      {link ? <Link to={link}>{talk.reason}</Link> : talk.reason}
    </div>
  );
}

/** The follow-up in a cell: by when, and whether it is done (what is asked shows in the expanded row). */
function FollowUp({ talk }: { talk: TTalk }) {
  const t = useT();
  const tm = t.supervision.more.talk;
  const state = followUpState(talk);
  if (state === 'none') return <>{t.common.none}</>;
  return (
    <div style={{ whiteSpace: 'nowrap' }}>
      {talk.followUpDue && <div>{formatDate(talk.followUpDue)}</div>}
      {state === 'done' && <Tag color="green">{tm.followUpDoneAt(formatDate(talk.followUpDoneOn))}</Tag>}
      {state === 'pending' && <Tag color="blue">{tm.followUpPending}</Tag>}
      {state === 'overdue' && (
        <Tag color="red" data-testid="follow-up-overdue">
          {tm.followUpOverdue}
        </Tag>
      )}
    </div>
  );
}

export default function TalksPage() {
  const t = useT();
  const tt = t.supervision.talk;
  const tm = t.supervision.more.talk;
  usePageTitle(tt.title);
  const manage = useCan()('talk.manage');
  const scope = useScope();
  const regionUser = scope === 'region';
  const me = useMe();
  // The period defaults to this year, as the articles count them.
  const year = nowInChina().format('YYYY');
  const list = useListParams({ from: `${year}-01-01`, to: `${year}-12-31` });
  const { data, isFetching, error } = useTalks(list.query);
  // "all" marks an end of the period the user cleared (the default would otherwise come back).
  const bound = (k: 'from' | 'to') => (list.value(k) === ALL ? undefined : list.value(k));
  const institutionId = list.value('institutionId');
  const departmentId = list.value('departmentId');
  const counts = useTalkCounts({ from: bound('from'), to: bound('to'), institutionId, departmentId });
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState<TTalk | null>(null);
  const [following, setFollowing] = useState<TTalk | null>(null);
  const columns: TableColumnsType<TTalk> = [
    { title: tt.talkedOn, dataIndex: 'talkedOn', key: 'talkedOn', sorter: true, sortOrder: list.sortOrder('talkedOn'), render: (v: string, r) => <Link to={`/supervision/talks/${r.id}`} data-testid="talk-link">{formatDate(v)}</Link> },
    {
      title: tt.subject,
      key: 'subject',
      sorter: true,
      sortOrder: list.sortOrder('subject'),
      render: (_v, r) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          {r.subjectName}
          <div className="ql-muted">{regionUser ? t.common.withNote(r.institutionName, r.subjectDepartment ?? '') : r.subjectDepartment}</div>
        </div>
      ),
    },
    { title: tt.kind, dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: list.sortOrder('kind'), render: (v: TTalk['kind']) => <TalkKindTag kind={v} /> },
    { title: tt.reason, key: 'reason', render: (_v, r) => <Reason talk={r} /> },
    { title: tt.talkers, dataIndex: 'talkerNames', key: 'talkers', render: (v: string[]) => <div style={{ minWidth: 56 }}>{v.join('、')}</div> },
    { title: tt.followUpDue, key: 'followUpDue', sorter: true, sortOrder: list.sortOrder('followUpDue'), render: (_v, r) => <FollowUp talk={r} /> },
    actionsColumn(
      t.common.actions,
      (r) => (
        <Space size={0} wrap>
          {!manage && (
            <Link to={`/supervision/talks/${r.id}`}>
              <Button type="link" size="small" data-testid="row-view">
                {tm.view}
              </Button>
            </Link>
          )}
          {manage && (
            <Button type="link" size="small" onClick={() => setEditing(r)} data-testid="row-edit">
              {t.common.edit}
            </Button>
          )}
          {manage && ['pending', 'overdue'].includes(followUpState(r)) && (
            <Button type="link" size="small" onClick={() => setFollowing(r)} data-testid="row-follow-up">
              {tm.followUpDone}
            </Button>
          )}
        </Space>
      ),
      manage ? 120 : 70,
    ),
  ];
  const period = [fromIsoDate(bound('from')), fromIsoDate(bound('to'))] as [Dayjs | null, Dayjs | null];
  return (
    <>
      <PageHeader
        title={tt.title}
        extra={
          <>
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="create-button">
                {tt.create}
              </Button>
            )}
            <ExportButton path="/api/supervision/talks/export" query={list.query} filename={tm.exportName} />
            <PrintButton />
          </>
        }
      />
      {counts.data && (
        <>
          <Typography.Paragraph data-testid="talk-sentence">{tt.sentence(counts.data.total, counts.data.byKind.filter((k) => k.count > 0).map((k) => tt.kindTimes(t.supervision.talkKinds[k.kind], k.count)))}</Typography.Paragraph>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {counts.data.byKind.map((k) => (
              <Col xs={12} md={8} lg={4} key={k.kind}>
                <Card size="small" hoverable onClick={() => list.set({ kind: list.value('kind') === k.kind ? undefined : k.kind })} data-testid={`talk-count-${k.kind}`}>
                  <Statistic title={t.supervision.talkKinds[k.kind]} value={k.count} suffix={tt.times} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} lg={4}>
              <Card size="small" data-testid="talk-count-total">
                <Statistic title={tt.total} value={counts.data.total} suffix={tt.times} />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <ListToolbar list={list} placeholder={tm.search} statusFilter={false}>
        <DatePicker.RangePicker
          aria-label={tt.period}
          allowEmpty={[true, true]}
          value={period}
          onChange={(v) => list.set({ from: toIsoDate(v?.[0]) ?? ALL, to: toIsoDate(v?.[1]) ?? ALL })}
          data-testid="filter-period"
        />
        {regionUser && (
          <InstitutionSelect
            aria-label={tm.institution}
            placeholder={tm.institution}
            allowClear
            value={institutionId}
            onChange={(v?: string) => list.set({ institutionId: v, departmentId: undefined })}
            data-testid="filter-institution"
          />
        )}
        {scope !== 'department' && scope !== 'self' && (!regionUser || institutionId) && (
          <DepartmentSelect
            institutionId={institutionId ?? me.institutionId}
            aria-label={tm.department}
            placeholder={tm.department}
            allowClear
            value={departmentId}
            onChange={(v?: string) => list.set({ departmentId: v })}
            data-testid="filter-department"
          />
        )}
        <Select
          aria-label={tt.kind}
          placeholder={tt.kind}
          allowClear
          style={{ width: 130 }}
          value={list.value('kind')}
          onChange={(v) => list.set({ kind: v })}
          options={talkKindKeys(t).map((k) => ({ value: k, label: t.supervision.talkKinds[k] }))}
          data-testid="filter-kind"
        />
        <Checkbox checked={list.value('followUpPending') === 'true'} onChange={(e) => list.set({ followUpPending: e.target.checked ? 'true' : undefined })} data-testid="filter-pending">
          {tm.pendingOnly}
        </Checkbox>
      </ListToolbar>
      <ListTable<TTalk>
        testId="talks-table"
        list={list}
        data={data}
        loading={isFetching}
        error={error}
        columns={columns}
        expandable={{ expandedRowRender: (r) => <TalkText talk={r} />, rowExpandable: (r) => !!(r.record || r.followUp || r.followUpResult) }}
      />
      <TalkForm open={recording} onClose={() => setRecording(false)} />
      <TalkForm open={editing !== null} editing={editing ?? undefined} onClose={() => setEditing(null)} />
      <FollowUpForm talk={following} onClose={() => setFollowing(null)} />
    </>
  );
}
