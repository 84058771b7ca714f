/** One talk (the follow-up reminder links here): a printable record sheet, edit and "follow-up done". */
import { ArrowLeftOutlined, CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { formatDate, nowInChina } from '../../../lib/time.ts';
import { useTalk } from '../api.ts';
import { FollowUpForm, followUpState } from '../components/FollowUpForm.tsx';
import { TalkForm } from '../components/TalkForm.tsx';
import { TalkKindTag } from '../labels.tsx';
import { Reason } from './TalksPage.tsx';
import '../supervision.css';

export default function TalkPage() {
  const t = useT();
  const tt = t.supervision.talk;
  const tm = t.supervision.more.talk;
  const { id } = useParams();
  const { data: talk, isLoading, error } = useTalk(id);
  usePageTitle(talk ? `${tm.detail} · ${talk.subjectName}` : tm.detail);
  const manage = useCan()('talk.manage');
  const [editing, setEditing] = useState(false);
  const [following, setFollowing] = useState(false);
  const back = (
    <Link to="/supervision/talks">
      <Button icon={<ArrowLeftOutlined />}>{tm.backToList}</Button>
    </Link>
  );
  if (isLoading) return <Skeleton active />;
  if (error || !talk) return <Result status="404" title={tm.notFound} extra={back} />;
  const state = followUpState(talk);
  return (
    <>
      {/* A record sheet reads top to bottom: portrait paper. */}
      <style>{'@media print { @page { size: A4 portrait; margin: 18mm; } }'}</style>
      <PageHeader
        title={tm.detail}
        subtitle={<TalkKindTag kind={talk.kind} />}
        extra={
          <>
            {back}
            {manage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="talk-edit">
                {t.common.edit}
              </Button>
            )}
            {manage && (state === 'pending' || state === 'overdue') && (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setFollowing(true)} data-testid="follow-up-done">
                {tm.followUpDone}
              </Button>
            )}
            <PrintButton />
          </>
        }
      />
      <article className="ql-talk-sheet" data-testid="talk-detail">
        <Typography.Title level={3} style={{ textAlign: 'center' }} className="ql-print-only">
          {tm.sheetTitle(t.supervision.talkKinds[talk.kind])}
        </Typography.Title>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={tt.subject}>{t.common.withNote(talk.subjectName, talk.subjectDepartment ?? '')}</Descriptions.Item>
          <Descriptions.Item label={tm.institution}>{talk.institutionName}</Descriptions.Item>
          <Descriptions.Item label={tt.kind}>{t.supervision.talkKinds[talk.kind]}</Descriptions.Item>
          <Descriptions.Item label={tt.talkedOn}>{formatDate(talk.talkedOn)}</Descriptions.Item>
          <Descriptions.Item label={tt.talkers} span={2}>
            {talk.talkerNames.join('、') || t.common.none}
          </Descriptions.Item>
          <Descriptions.Item label={tt.reasonKind} span={2}>
            <Reason talk={talk} />
          </Descriptions.Item>
          <Descriptions.Item label={tt.record} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="talk-record">
              {talk.record || t.common.none}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={tt.followUp} span={2}>
            {talk.followUp || tm.followUpNone}
          </Descriptions.Item>
          <Descriptions.Item label={tt.followUpDue}>{formatDate(talk.followUpDue)}</Descriptions.Item>
          <Descriptions.Item label={tm.followUpStatus}>
            <span data-testid="follow-up-state">
              {state === 'done' && <Tag color="green">{tm.followUpDoneAt(formatDate(talk.followUpDoneOn))}</Tag>}
              {state === 'pending' && <Tag color="blue">{tm.followUpPending}</Tag>}
              {state === 'overdue' && <Tag color="red">{tm.followUpOverdue}</Tag>}
              {state === 'none' && t.common.none}
            </span>
          </Descriptions.Item>
          {talk.followUpResult && (
            <Descriptions.Item label={tm.followUpResult} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{talk.followUpResult}</Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
        <div className="ql-talk-signatures">
          <span>{tm.signature}</span>
          <span>{tm.subjectSignature}</span>
          <span>{tm.printedAt(nowInChina().format('YYYY-MM-DD'))}</span>
        </div>
      </article>
      <TalkForm open={editing} editing={talk} onClose={() => setEditing(false)} />
      <FollowUpForm talk={following ? talk : null} onClose={() => setFollowing(false)} />
    </>
  );
}
