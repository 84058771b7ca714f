/** One case: header facts, the report, subjects, outcome, the timeline and the steps that fit its status. */
import { ArrowLeftOutlined, CommentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ApiError } from '../../../lib/api.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan, useMe } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { TalkForm } from '../../supervision/components/TalkForm.tsx';
import { useCase } from '../api.ts';
import { CaseRepViolation } from '../../reps/components/CaseRepViolation.tsx';
import { CaseActions } from '../components/CaseActions.tsx';
import { CaseSubjects } from '../components/CaseSubjects.tsx';
import { CaseStatusTag, Deadline, RoutedBadge } from '../components/CaseTags.tsx';
import { CaseTimeline } from '../components/CaseTimeline.tsx';
import { RevealContact } from '../components/RevealContact.tsx';
import '../reports.css';

const OPEN = ['received', 'investigating', 'on_hold', 'concluded'];

export default function CasePage() {
  const t = useT();
  const tr = t.reports;
  const { id } = useParams();
  const can = useCan();
  const { data: c, error, isLoading } = useCase(id);
  const [talking, setTalking] = useState(false);
  const me = useMe();
  usePageTitle(c ? `${tr.caseTitle} ${c.number}` : tr.caseTitle);

  if (isLoading) return <Skeleton active />;
  if (error || !c)
    return (
      <Result
        status={error instanceof ApiError && error.status === 404 ? '404' : 'error'}
        title={error instanceof ApiError && error.status === 404 ? tr.caseGone : (error?.message ?? t.common.unexpected)}
        extra={
          <Link to="/cases">
            <Button type="primary">{tr.backToList}</Button>
          </Link>
        }
      />
    );

  const handle = can('case.handle');
  return (
    <>
      {/* A case reads top to bottom: portrait paper, unlike the landscape lists. */}
      <style>{'@media print { @page { size: A4 portrait; margin: 14mm; } }'}</style>
      <PageHeader
        title={`${tr.caseTitle} ${c.number}`}
        subtitle={
          <Space size={6} wrap>
            <CaseStatusTag c={c} />
            <RoutedBadge routedTo={c.routedTo} />
            <span>{c.institutionName}</span>
          </Space>
        }
        extra={
          <>
            <Link to="/cases">
              <Button icon={<ArrowLeftOutlined />}>{tr.backToList}</Button>
            </Link>
            {handle && <CaseActions c={c} />}
            {c.category === 'rep_in_clinical' && <CaseRepViolation caseId={c.id} />}
            {/* A talk about this case: the reason is the case, the subject its first named person. */}
            {can('talk.manage') && me.institutionId === c.institutionId && (
              <Button icon={<CommentOutlined />} onClick={() => setTalking(true)} data-testid="case-talk">
                {t.supervision.more.talk.recordTalk}
              </Button>
            )}
            <PrintButton />
          </>
        }
      />
      {c.overdue && <Alert type="error" showIcon title={tr.overdueBanner(formatDateTime(c.stageDeadline))} style={{ marginBottom: 16 }} data-testid="overdue-banner" />}
      {c.routedTo === 'region' && <Alert type="warning" showIcon title={tr.routedRegionHint} style={{ marginBottom: 16 }} />}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 16 }} data-testid="case-facts">
        <Descriptions.Item label={tr.number}>{c.number}</Descriptions.Item>
        <Descriptions.Item label={tr.channel}>{tr.channels[c.channel]}</Descriptions.Item>
        <Descriptions.Item label={tr.category}>{c.category ? tr.categories[c.category] : t.common.none}</Descriptions.Item>
        <Descriptions.Item label={tr.receivedAt}>{formatDateTime(c.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={tr.department}>{c.departmentName ?? t.common.none}</Descriptions.Item>
        <Descriptions.Item label={tr.routedTo}>{c.routedTo === 'region' ? tr.routedRegion : tr.routedInstitution}</Descriptions.Item>
        <Descriptions.Item label={tr.owner}>{c.ownerName ?? tr.noOwner}</Descriptions.Item>
        <Descriptions.Item label={tr.deadline}>
          <Deadline c={c} />
        </Descriptions.Item>
        <Descriptions.Item label={tr.disposal}>{c.disposal ? tr.disposals[c.disposal] : t.common.none}</Descriptions.Item>
        {c.hasReporter && (
          <Descriptions.Item label={tr.reporter}>
            <Space size={8} wrap>
              <span>{c.anonymous ? tr.anonymousReporter : tr.namedReporter}</span>
              {c.hasContact && can('case.read_contact') && <RevealContact caseId={c.id} />}
            </Space>
          </Descriptions.Item>
        )}
        {c.hasReporter && <Descriptions.Item label={tr.reporterChecks}>{tr.reporterChecksN(c.reporterChecks)}</Descriptions.Item>}
        {c.closedAt && <Descriptions.Item label={tr.closedAt}>{formatDateTime(c.closedAt)}</Descriptions.Item>}
        {c.mergedIntoId && (
          <Descriptions.Item label={tr.mergedInto}>
            <Link to={`/cases/${c.mergedIntoId}`}>{tr.openMerged}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={tr.text} style={{ marginBottom: 16 }}>
            <p className="ql-case-text" data-testid="case-text">
              {c.text || tr.purgedText}
            </p>
          </Card>
          <div style={{ marginBottom: 16 }}>
            <CaseSubjects c={c} editable={handle && OPEN.includes(c.status)} />
          </div>
          {c.conclusion && (
            <Card size="small" title={tr.outcome} style={{ marginBottom: 16 }} data-testid="case-outcome">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={tr.conclusion}>
                  <Typography.Text strong>{tr.conclusions[c.conclusion]}</Typography.Text>
                </Descriptions.Item>
                {c.actions && <Descriptions.Item label={tr.actionsTaken}>{c.actions}</Descriptions.Item>}
              </Descriptions>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={tr.timeline}>
            <CaseTimeline c={c} />
          </Card>
        </Col>
      </Row>
      <TalkForm
        open={talking}
        onClose={() => setTalking(false)}
        prefill={{
          reasonKind: 'case',
          reasonRef: c.id,
          reason: t.supervision.more.talk.fromCase(c.number),
          subject: c.subjects[0] ? { id: c.subjects[0].personId, name: c.subjects[0].name } : undefined,
        }}
      />
    </>
  );
}
