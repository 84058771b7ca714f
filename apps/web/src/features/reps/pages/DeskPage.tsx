/**
 * 接待签到: the reception desk types the code on the rep's phone, compares the person with the registry's
 * photo and masked ID BEFORE anything is recorded, then checks in (or refuses: identity mismatch), or out.
 */
import { IdcardOutlined, LoginOutlined, LogoutOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import type { TBadge, TDeskPreview, TVisit } from '@qinglian/contracts';
import { Alert, App, Button, Card, Col, Descriptions, Form, Image, Input, Modal, Row, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { checkIn, checkOut, deskPreview, deskRefuse, useRepsMutation, useVisits } from '../api.ts';

export default function DeskPage() {
  const t = useT();
  const tr = t.reps;
  usePageTitle(tr.desk.title);
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<{ visit: TVisit; badge?: TBadge } | null>(null);
  const [checking, setChecking] = useState<{ code: string; preview: TDeskPreview } | null>(null);
  const [refusing, setRefusing] = useState(false);
  const [note, setNote] = useState('');
  const inM = useRepsMutation(checkIn);
  const previewM = useRepsMutation(deskPreview);
  const refuseM = useRepsMutation(deskRefuse);
  const outM = useRepsMutation(checkOut);
  const onSite = useVisits({ status: 'on_site', pageSize: 100 });

  const run = async (what: 'verify' | 'in' | 'out') => {
    setError(null);
    try {
      if (what === 'verify') {
        const preview = await previewM.mutateAsync(code.trim());
        setLast(null);
        setChecking({ code: code.trim(), preview });
        setCode('');
        return;
      }
      if (what === 'in') {
        const r = await inM.mutateAsync(checking!.code);
        setChecking(null);
        setLast(r);
        message.success(tr.desk.checkedIn(r.visit.repName ?? ''));
      } else {
        const v = await outM.mutateAsync(code.trim());
        setLast({ visit: v });
        message.success(tr.desk.checkedOut(v.repName ?? ''));
      }
      setCode('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const valid = /^\d{6}$/.test(code.trim());
  const refuse = async () => {
    try {
      await refuseM.mutateAsync({ code: checking!.code, note: note.trim() || undefined });
      setChecking(null);
      setRefusing(false);
      setNote('');
      message.warning(tr.desk.refused);
    } catch (e) {
      setRefusing(false);
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeader title={tr.desk.title} subtitle={tr.desk.subtitle} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card style={{ marginBottom: 16 }}>
            <Form layout="vertical" onFinish={() => valid && run('verify')}>
              <Form.Item label={tr.desk.code} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
                <Input
                  size="large"
                  inputMode="numeric"
                  maxLength={6}
                  placeholder={tr.desk.codePh}
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                  style={{ fontSize: 28, letterSpacing: 8, textAlign: 'center' }}
                  autoFocus
                  data-testid="desk-code"
                />
              </Form.Item>
              <Space>
                <Button type="primary" size="large" icon={<IdcardOutlined />} disabled={!valid} loading={previewM.isPending} onClick={() => run('verify')} data-testid="desk-verify">
                  {tr.desk.verifyButton}
                </Button>
                <Button size="large" icon={<LogoutOutlined />} disabled={!valid} loading={outM.isPending} onClick={() => run('out')} data-testid="desk-checkout">
                  {tr.desk.checkOut}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {checking && (
            <Card style={{ marginBottom: 16 }} data-testid="desk-check">
              <Alert type="warning" showIcon title={tr.desk.compare} description={tr.desk.holdUntil(formatDateTime(checking.preview.holdUntil))} style={{ marginBottom: 12 }} />
              <Space align="start" size={24} wrap>
                {checking.preview.photoUrl && <Image width={140} src={checking.preview.photoUrl} alt={tr.common.photo} data-testid="desk-photo" />}
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={tr.common.rep}>{checking.preview.repName}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.nationalId}>
                    <span data-testid="desk-national-id">{checking.preview.nationalIdMasked ?? tr.common.none}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={tr.common.company}>{checking.preview.companyName}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.filingNo}>{checking.preview.filingNo ?? tr.common.none}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.time}>{`${checking.preview.date} ${checking.preview.start}-${checking.preview.end}`}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.department}>{`${checking.preview.departmentName} · ${checking.preview.room ?? ''}`}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.purpose}>{checking.preview.purpose}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.hosts}>{checking.preview.hosts.join('、')}</Descriptions.Item>
                </Descriptions>
              </Space>
              <Space wrap style={{ marginTop: 12 }}>
                <Button type="primary" icon={<LoginOutlined />} loading={inM.isPending} onClick={() => run('in')} data-testid="desk-checkin">
                  {tr.desk.confirmCheckIn}
                </Button>
                <Button danger icon={<StopOutlined />} onClick={() => setRefusing(true)} data-testid="desk-refuse">
                  {tr.desk.refuse}
                </Button>
                <Button onClick={() => setChecking(null)}>{tr.desk.cancel}</Button>
              </Space>
            </Card>
          )}
          {last && (
            <Card style={{ marginBottom: 16 }} data-testid="desk-result">
              {last.badge && <Alert type="warning" showIcon title={tr.desk.verify} style={{ marginBottom: 12 }} />}
              <Space align="start" size={24} wrap>
                {last.badge?.photoUrl && <Image width={110} src={last.badge.photoUrl} alt={tr.common.photo} />}
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={tr.common.rep}>{last.visit.repName}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.nationalId}>{last.badge?.nationalIdMasked ?? tr.common.none}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.company}>{last.visit.companyName}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.department}>{`${last.visit.departmentName} · ${last.visit.room ?? ''}`}</Descriptions.Item>
                  <Descriptions.Item label={tr.common.hosts}>{last.visit.hosts.map((h) => h.name).join('、')}</Descriptions.Item>
                  <Descriptions.Item label={tr.visits.checkedIn}>{formatDateTime(last.visit.checkedInAt)}</Descriptions.Item>
                  {last.visit.checkedOutAt && <Descriptions.Item label={tr.visits.checkedOut}>{formatDateTime(last.visit.checkedOutAt)}</Descriptions.Item>}
                </Descriptions>
              </Space>
              {last.badge && (
                <div style={{ marginTop: 12 }}>
                  <Link to={`/reps/visits/${last.visit.id}/badge`} data-testid="desk-badge">
                    <Button icon={<PrinterOutlined />}>{tr.desk.badge}</Button>
                  </Link>
                </div>
              )}
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        open={refusing}
        title={tr.desk.refuseTitle}
        okText={tr.desk.refuse}
        okButtonProps={{ danger: true, loading: refuseM.isPending }}
        onOk={refuse}
        onCancel={() => setRefusing(false)}
        data-testid="desk-refuse-modal"
      >
        <Alert type="error" showIcon title={tr.desk.refuseHint} style={{ marginBottom: 12 }} />
        <Form layout="vertical">
          <Form.Item label={tr.desk.refuseNote}>
            <Input.TextArea rows={3} maxLength={500} placeholder={tr.desk.refuseNotePh} value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
      <Card title={`${tr.desk.onSite}（${onSite.data?.total ?? 0}）`} size="small">
        <Table<TVisit>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={onSite.data?.items}
          data-testid="onsite-table"
          columns={[
            { title: tr.common.rep, dataIndex: 'repName', key: 'repName' },
            { title: tr.common.company, dataIndex: 'companyName', key: 'companyName' },
            { title: tr.common.department, dataIndex: 'departmentName', key: 'departmentName' },
            { title: tr.common.room, dataIndex: 'room', key: 'room' },
            { title: tr.common.hosts, key: 'hosts', render: (_: unknown, v) => v.hosts.map((h) => h.name).join('、') },
            { title: tr.visits.checkedIn, dataIndex: 'checkedInAt', key: 'checkedInAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </>
  );
}
