/** 干部考核: a quarter's scores for middle-level cadres, the ranking, and reminder talks for the bottom N (set here). */
import { CommentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, InputNumber, Row, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { nowInChina } from '../../../lib/time.ts';
import { useAssessmentSettings, useRanking, useSaveAssessmentSettings } from '../api.ts';
import { ScoreEditor } from '../components/ScoreEditor.tsx';
import { type TalkPrefill, TalkForm } from '../components/TalkForm.tsx';
import type { RankingRow } from '../types.ts';
import '../supervision.css';

/** The last eight quarters, newest first ("2026-Q3"). */
function recentQuarters(): string[] {
  const now = nowInChina();
  let y = now.year();
  let q = Math.floor(now.month() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    out.push(`${y}-Q${q}`);
    q--;
    if (q === 0) {
      q = 4;
      y--;
    }
  }
  return out;
}

export default function AssessmentPage() {
  const t = useT();
  const ta = t.supervision.assess;
  usePageTitle(ta.title);
  const can = useCan();
  const quarters = recentQuarters();
  const [sp, setSp] = useSearchParams();
  // Scores are entered once a quarter is over: the previous quarter by default.
  const period = sp.get('period') ?? quarters[1]!;
  const { data, isFetching, error } = useRanking(period);
  const [talk, setTalk] = useState<TalkPrefill | null>(null);
  const settings = useAssessmentSettings();
  const saveSettings = useSaveAssessmentSettings();
  const { message } = App.useApp();
  const bottomN = data?.bottomProposed ?? settings.data?.bottomProposed ?? 4;
  const [bottomDraft, setBottomDraft] = useState<number | null>(null);
  // Saved when the field is left or Enter is pressed, not on every keystroke.
  const setBottom = () => {
    const n = bottomDraft;
    setBottomDraft(null);
    if (n === null || n === bottomN) return;
    saveSettings
      .mutateAsync({ bottomProposed: n })
      .then(() => message.success(ta.bottomSaved))
      .catch((e) => message.error(errorMessage(e)));
  };
  const label = (p: string) => ta.quarter(Number(p.slice(0, 4)), Number(p.slice(-1)));

  const columns: TableColumnsType<RankingRow> = [
    { title: ta.rank, dataIndex: 'rank', key: 'rank', width: 70, align: 'center' },
    { title: ta.name, dataIndex: 'name', key: 'name' },
    { title: t.supervision.department, dataIndex: 'departmentName', key: 'department', render: (v: string | null) => v ?? t.common.none },
    { title: ta.post, dataIndex: 'post', key: 'post', render: (v: string | null) => v ?? t.common.none },
    { title: ta.score, dataIndex: 'score', key: 'score', align: 'right' },
    {
      title: ta.proposal,
      key: 'proposal',
      render: (_v, r) =>
        r.talked ? (
          <Tag color="green">{ta.talked}</Tag>
        ) : r.proposedTalk ? (
          <Tag color="red" data-testid="proposed-talk">
            {ta.proposed}
          </Tag>
        ) : null,
    },
  ];
  if (can('talk.manage'))
    columns.push({
      title: t.common.actions,
      key: 'actions',
      className: 'ql-no-print',
      render: (_v, r) =>
        r.proposedTalk && (
          <Button
            size="small"
            icon={<CommentOutlined />}
            onClick={() => setTalk({ subject: { id: r.personId, name: r.name }, kind: 'reminder', reasonKind: 'assessment', reason: ta.talkReason(label(period), r.rank, r.score) })}
            data-testid="ranking-talk"
          >
            {ta.talk}
          </Button>
        ),
    });

  return (
    <>
      <PageHeader
        title={ta.title}
        subtitle={ta.subtitle}
        extra={
          <>
            <Select
              aria-label={ta.period}
              value={period}
              onChange={(v) => setSp({ period: v }, { replace: true })}
              options={quarters.map((q) => ({ value: q, label: label(q) }))}
              style={{ width: 180 }}
              data-testid="period-select"
            />
            <ExportButton path="/api/supervision/assessments/ranking/export" query={{ period }} filename={`${ta.ranking(label(period))}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <Row gutter={[16, 16]}>
        {can('assessment.manage') && (
          <Col xs={24} xl={9} className="ql-no-print">
            <Card size="small" title={ta.entry(label(period))}>
              <ScoreEditor key={period} period={period} periodLabel={label(period)} existing={data?.period === period ? data.rows.length : 0} />
            </Card>
          </Col>
        )}
        <Col xs={24} xl={can('assessment.manage') ? 15 : 24}>
          <Card size="small" title={ta.ranking(label(period))} extra={
              can('assessment.manage') ? (
                <Space size={6} className="ql-no-print">
                  <span className="ql-muted">{ta.bottomN}</span>
                  <InputNumber size="small" min={0} max={50} value={bottomDraft ?? bottomN} onChange={setBottomDraft} onBlur={setBottom} onPressEnter={setBottom} style={{ width: 64 }} aria-label={ta.bottomN} data-testid="bottom-n" />
                </Space>
              ) : (
                <span className="ql-muted">{ta.bottomNHint(bottomN)}</span>
              )
            }>
            {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
            <div data-testid="ranking-table">
            <Table<RankingRow>
              rowKey="personId"
              size="small"
              loading={isFetching}
              pagination={false}
              columns={columns}
              dataSource={data?.rows}
              locale={{ emptyText: ta.empty }}
              rowClassName={(r) => (r.proposedTalk ? 'ql-row-proposed' : '')}
            />
            </div>
          </Card>
        </Col>
      </Row>
      <TalkForm open={talk !== null} prefill={talk ?? undefined} onClose={() => setTalk(null)} />
    </>
  );
}
