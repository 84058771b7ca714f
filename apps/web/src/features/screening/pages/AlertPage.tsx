/** One alert: what was found, where and when, the evidence per rule, its history, and dismissal or escalation into a case. */
import { ArrowLeftOutlined, CloseCircleOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ApiError } from '../../../lib/api.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { ActionModal } from '../../reports/components/ActionModal.tsx';
import { dismissAlert, escalateAlert, useAlert, useScreeningMutation } from '../api.ts';
import { Evidence } from '../components/Evidence.tsx';
import { AlertStatusTag, keysText, RuleName, Score, yuan } from '../labels.tsx';

const DOCTOR_LEVEL = ['prescriber_concentration', 'post_visit_uplift', 'vbp_bypass'];

export default function AlertPage() {
  const t = useT();
  const ts = t.screening;
  const ta = ts.alert;
  const { id } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const { data: a, error, isLoading } = useAlert(id);
  usePageTitle(a ? `${ta.title} · ${ts.rules[a.rule]}` : ta.title);
  const [dialog, setDialog] = useState<'dismiss' | 'escalate' | null>(null);
  const dismiss = useScreeningMutation((reason: string) => dismissAlert(id!, reason));
  const escalate = useScreeningMutation((text: string | undefined) => escalateAlert(id!, { text }));

  if (isLoading) return <Skeleton active />;
  if (error || !a)
    return (
      <Result
        status={error instanceof ApiError && error.status === 404 ? '404' : 'error'}
        title={error instanceof ApiError ? error.message : t.common.unexpected}
        extra={
          <Link to="/screening/alerts">
            <Button type="primary">{ta.back}</Button>
          </Link>
        }
      />
    );

  const manage = can('screening.manage') && a.status === 'open';
  // The alert's first finding opens its history; the server records what people did after it.
  const history = [{ at: a.firstSeenAt, action: 'created', by: null as string | null, note: null as string | null }, ...a.history];
  return (
    <>
      <style>{'@media print { @page { size: A4 portrait; margin: 14mm; } }'}</style>
      <PageHeader
        title={`${ta.title} · ${ts.rules[a.rule]}`}
        subtitle={
          <Space size={6} wrap>
            <AlertStatusTag status={a.status} />
            <span>{a.institutionName}</span>
            <span>{a.period}</span>
          </Space>
        }
        extra={
          <>
            <Link to="/screening/alerts">
              <Button icon={<ArrowLeftOutlined />}>{ta.back}</Button>
            </Link>
            {manage && (
              <>
                <Button icon={<CloseCircleOutlined />} onClick={() => setDialog('dismiss')} data-testid="alert-dismiss">
                  {ta.dismiss}
                </Button>
                <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('escalate')} data-testid="alert-escalate">
                  {ta.escalate}
                </Button>
              </>
            )}
            <PrintButton />
          </>
        }
      />
      {DOCTOR_LEVEL.includes(a.rule) && <Alert type="warning" showIcon title={ta.doctorLevel} style={{ marginBottom: 16 }} />}
      {a.status === 'escalated' && a.caseId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="alert-case"
          title={
            <Link to={`/cases/${a.caseId}`} data-testid="alert-case-link">
              {ta.openCase(a.caseNumber ?? '')}
            </Link>
          }
        />
      )}
      {a.status === 'dismissed' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="alert-dismissed"
          title={ta.dismissedBy(a.dismissedBy ?? '', formatDateTime(a.dismissedAt))}
          description={a.dismissedReason}
        />
      )}
      <Card size="small" title={ta.basics} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ fontSize: 15 }} data-testid="alert-summary">
          {a.summary}
        </Typography.Paragraph>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="alert-facts">
          <Descriptions.Item label={ts.common.rule}>
            <RuleName rule={a.rule} />
          </Descriptions.Item>
          <Descriptions.Item label={ts.common.institution}>{a.institutionName}</Descriptions.Item>
          <Descriptions.Item label={ts.common.period}>{a.period}</Descriptions.Item>
          <Descriptions.Item label={ts.common.keys}>{keysText(t, a.rule, a.keys)}</Descriptions.Item>
          <Descriptions.Item label={ts.common.score}>
            <Score score={a.score} />
          </Descriptions.Item>
          <Descriptions.Item label={ts.common.amount}>{yuan(a.amount)}</Descriptions.Item>
          <Descriptions.Item label={ts.common.paramVersion}>
            <Link to="/screening/params">{ts.common.version(a.paramVersion)}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={ts.common.firstSeen}>{formatDateTime(a.firstSeenAt)}</Descriptions.Item>
          <Descriptions.Item label={ta.lastSeen}>{formatDateTime(a.lastSeenAt)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {ts.ruleHints[a.rule]}
        </Typography.Paragraph>
      </Card>
      <Evidence rule={a.rule} evidence={a.evidence} />
      <Card size="small" title={ta.history} data-testid="alert-history">
        {history.length ? (
          <Timeline
            items={history.map((h) => ({
              key: `${h.at}-${h.action}`,
              content: (
                <>
                  <strong>{ta.actions[h.action] ?? h.action}</strong> · {formatDateTime(h.at)}
                  {h.by ? ` · ${h.by}` : ''}
                  {h.note ? <div style={{ color: '#595959' }}>{h.note}</div> : null}
                </>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{ta.noHistory}</Typography.Text>
        )}
      </Card>

      <ActionModal<{ reason: string }>
        open={dialog === 'dismiss'}
        title={ta.dismissTitle}
        onClose={() => setDialog(null)}
        okText={ta.dismiss}
        danger
        successText={ta.dismissed}
        testId="dismiss-form"
        confirm={() => ({ title: ta.dismissTitle, content: ta.dismissHint, danger: true })}
        onSubmit={(v) => dismiss.mutateAsync(v.reason)}
      >
        <Alert type="info" showIcon title={ta.dismissHint} style={{ marginBottom: 16 }} />
        <Form.Item name="reason" label={ta.reason} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={ta.reasonPlaceholder} data-testid="dismiss-reason" />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ text?: string }>
        open={dialog === 'escalate'}
        title={ta.escalateTitle}
        onClose={() => setDialog(null)}
        okText={ta.escalate}
        testId="escalate-form"
        initialValues={{ text: a.summary }}
        confirm={() => ({ title: ta.escalateTitle, content: ta.escalateHint })}
        successText={ta.escalateTitle}
        onSubmit={async (v) => {
          const r = await escalate.mutateAsync(v.text?.trim() || undefined);
          navigate(`/cases/${r.caseId}`);
        }}
      >
        <Alert type="info" showIcon title={ta.escalateHint} style={{ marginBottom: 16 }} />
        <Form.Item name="text" label={ta.escalateText} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount data-testid="escalate-text" />
        </Form.Item>
      </ActionModal>
    </>
  );
}
