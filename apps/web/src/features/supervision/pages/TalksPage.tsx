/** 谈话记录: counts by kind for a period ("提醒谈话 79 次、批评谈话 35 次…") and the talks themselves. */
import { PlusOutlined } from '@ant-design/icons';
import type { TTalk } from '@qinglian/contracts';
import { Button, Card, Col, DatePicker, Row, Select, Statistic, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { ALL, useListParams } from '../../../lib/listParams.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDate, fromIsoDate, nowInChina, toIsoDate } from '../../../lib/time.ts';
import { useTalkCounts, useTalks } from '../api.ts';
import { TalkForm } from '../components/TalkForm.tsx';
import { TalkKindTag, talkKindKeys } from '../labels.tsx';

function Reason({ talk }: { talk: TTalk }) {
  const t = useT();
  const link = talk.reasonRef && (talk.reasonKind === 'finding' ? `/supervision/rectifications/${talk.reasonRef}` : talk.reasonKind === 'case' ? `/cases/${talk.reasonRef}` : null);
  return (
    <div style={{ maxWidth: 320 }}>
      <Typography.Text type="secondary">{t.common.labelled(t.supervision.reasonKinds[talk.reasonKind], '')}</Typography.Text>
      {link ? <Link to={link}>{talk.reason}</Link> : talk.reason}
    </div>
  );
}

export default function TalksPage() {
  const t = useT();
  const tt = t.supervision.talk;
  usePageTitle(tt.title);
  const manage = useCan()('talk.manage');
  // The period defaults to this year, as the articles count them.
  const year = nowInChina().format('YYYY');
  const list = useListParams({ from: `${year}-01-01`, to: `${year}-12-31` });
  const { data, isFetching, error } = useTalks(list.query);
  // "all" marks an end of the period the user cleared (the default would otherwise come back).
  const bound = (k: 'from' | 'to') => (list.value(k) === ALL ? undefined : list.value(k));
  const counts = useTalkCounts({ from: bound('from'), to: bound('to') });
  const [recording, setRecording] = useState(false);
  const columns: TableColumnsType<TTalk> = [
    { title: tt.talkedOn, dataIndex: 'talkedOn', key: 'talkedOn', render: formatDate },
    { title: tt.subject, key: 'subject', render: (_v, r) => t.common.withNote(r.subjectName, r.subjectDepartment ?? '') },
    { title: tt.kind, dataIndex: 'kind', key: 'kind', render: (v: TTalk['kind']) => <TalkKindTag kind={v} /> },
    { title: tt.reason, key: 'reason', render: (_v, r) => <Reason talk={r} /> },
    { title: tt.talkers, dataIndex: 'talkerNames', key: 'talkers', render: (v: string[]) => v.join('、') },
    { title: tt.followUp, key: 'followUp', render: (_v, r) => (r.followUp ? `${r.followUp}${r.followUpDue ? `（${formatDate(r.followUpDue)}）` : ''}` : t.common.none) },
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
      <ListToolbar list={list} statusFilter={false}>
        <DatePicker.RangePicker
          aria-label={tt.period}
          allowEmpty={[true, true]}
          value={period}
          onChange={(v) => list.set({ from: toIsoDate(v?.[0]) ?? ALL, to: toIsoDate(v?.[1]) ?? ALL })}
          data-testid="filter-period"
        />
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
      </ListToolbar>
      <ListTable<TTalk>
        testId="talks-table"
        list={list}
        data={data}
        loading={isFetching}
        error={error}
        columns={columns}
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.record || t.common.none}</Typography.Paragraph>, rowExpandable: (r) => !!r.record }}
      />
      <TalkForm open={recording} onClose={() => setRecording(false)} />
    </>
  );
}
