/** One rectification order: the finding, the department's evidence, the office's verification, the letter, a talk. */
import { ArrowLeftOutlined, CommentOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Descriptions, Result, Row, Skeleton, Steps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan, useMe } from '../../../lib/session.tsx';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useRectification } from '../api.ts';
import { AttachmentLinks, PhotoStrip } from '../components/Attachments.tsx';
import { EvidenceCard, VerifyCard } from '../components/RectificationSteps.tsx';
import { TalkForm } from '../components/TalkForm.tsx';
import { RectStatus } from '../labels.tsx';

// Ordered is done once the order exists; the step in hand is the evidence, then the verification.
const STEP = { open: 1, returned: 1, submitted: 2, accepted: 3 } as const;

export default function RectificationPage() {
  const t = useT();
  const tr = t.supervision.rect;
  const { id } = useParams();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const { data: r, isLoading, error } = useRectification(id);
  const [talking, setTalking] = useState(false);
  usePageTitle(tr.detail);
  const back = (
    <Link to="/supervision/rectifications">
      <Button icon={<ArrowLeftOutlined />}>{tr.backToList}</Button>
    </Link>
  );
  if (isLoading) return <Skeleton active />;
  if (error || !r) return <Result status="404" title={tr.notFound} extra={back} />;

  const office = can('inspection.manage');
  // The office holds the respond permission too, but answering is the department's job.
  const answers = can('rectification.respond') && (me.departmentId === r.departmentId || !office) && (r.status === 'open' || r.status === 'returned');
  // The letter page reads the letter; numbering it is an explicit action there.
  const openLetter = () => navigate(`/supervision/rectifications/${r.id}/letter`);

  return (
    <>
      <PageHeader
        title={tr.detail}
        subtitle={<RectStatus r={r} />}
        extra={
          <>
            {back}
            {can('talk.manage') && (
              <Button icon={<CommentOutlined />} onClick={() => setTalking(true)} data-testid="rect-talk">
                {tr.talk}
              </Button>
            )}
            {(office || r.letterNumber) && (
              <Button icon={<FileTextOutlined />} onClick={openLetter} data-testid="rect-letter">
                {r.letterNumber ? tr.viewLetter(r.letterNumber) : tr.letter}
              </Button>
            )}
          </>
        }
      />
      {r.escalated && r.status !== 'accepted' ? (
        <Alert type="error" showIcon title={tr.escalatedHint} style={{ marginBottom: 16 }} data-testid="escalated-banner" />
      ) : r.overdue ? (
        <Alert type="warning" showIcon title={tr.overdueHint(formatDate(r.deadline))} style={{ marginBottom: 16 }} data-testid="overdue-banner" />
      ) : null}
      <Steps
        size="small"
        current={STEP[r.status]}
        status={r.status === 'returned' ? 'error' : undefined}
        style={{ marginBottom: 16, maxWidth: 720 }}
        items={[{ title: tr.steps.issued }, { title: r.status === 'returned' ? tr.steps.resubmit : tr.steps.submitted }, { title: tr.steps.verified }]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={answers || (office && r.status === 'submitted') ? 14 : 24}>
          <Descriptions bordered size="small" column={1} data-testid="rect-facts" styles={{ label: { width: 120 } }}>
            <Descriptions.Item label={tr.description}>{r.description}</Descriptions.Item>
            <Descriptions.Item label={t.supervision.department}>{r.departmentName}</Descriptions.Item>
            <Descriptions.Item label={tr.kind}>{t.supervision.findingKinds[r.kind]}</Descriptions.Item>
            <Descriptions.Item label={tr.round}>
              <Link to={`/supervision/rounds/${r.roundId}`}>{r.roundTitle}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={tr.photos}>
              {r.attachmentIds.length ? <PhotoStrip ids={r.attachmentIds} testId="rect-photos" /> : t.common.none}
            </Descriptions.Item>
            {r.caseId && (
              <Descriptions.Item label={tr.caseLink}>
                <Link to={`/cases/${r.caseId}`} data-testid="rect-case">
                  {r.caseNumber ?? r.caseId}
                </Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={tr.responsible}>{r.responsibleName}</Descriptions.Item>
            <Descriptions.Item label={tr.deadline}>{formatDate(r.deadline)}</Descriptions.Item>
            <Descriptions.Item label={tr.issuedAt}>{formatDateTime(r.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={tr.evidence}>
              <span data-testid="rect-evidence" style={{ whiteSpace: 'pre-wrap' }}>
                {r.evidence ?? t.common.none}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={tr.evidenceFiles}>
              <AttachmentLinks ids={r.evidenceAttachmentIds} />
            </Descriptions.Item>
            {r.submittedAt && <Descriptions.Item label={tr.submittedAt}>{formatDateTime(r.submittedAt)}</Descriptions.Item>}
            {r.acceptedAt && <Descriptions.Item label={tr.acceptedAt}>{formatDateTime(r.acceptedAt)}</Descriptions.Item>}
            <Descriptions.Item label={tr.verifyNote}>{r.verificationNote ?? t.common.none}</Descriptions.Item>
            <Descriptions.Item label={tr.letterNumber}>{r.letterNumber ?? t.common.none}</Descriptions.Item>
          </Descriptions>
        </Col>
        {(answers || (office && r.status === 'submitted')) && (
          <Col xs={24} lg={10}>
            {answers && <EvidenceCard r={r} />}
            {office && r.status === 'submitted' && <VerifyCard r={r} />}
          </Col>
        )}
      </Row>
      <TalkForm
        open={talking}
        onClose={() => setTalking(false)}
        prefill={{ subject: { id: r.responsibleId, name: r.responsibleName }, kind: 'reminder', reasonKind: 'finding', reasonRef: r.id, reason: tr.talkReason(r.roundTitle, r.description) }}
      />
    </>
  );
}
