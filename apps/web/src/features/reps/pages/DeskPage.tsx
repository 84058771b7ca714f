/** 接待签到: the reception desk types the code on the rep's phone, checks the person against the photo, and checks in or out. */
import { LoginOutlined, LogoutOutlined, PrinterOutlined } from '@ant-design/icons';
import type { TBadge, TVisit } from '@qinglian/contracts';
import { Alert, App, Button, Card, Col, Descriptions, Form, Image, Input, Row, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { checkIn, checkOut, useRepsMutation, useVisits } from '../api.ts';

export default function DeskPage() {
  const t = useT();
  const tr = t.reps;
  usePageTitle(tr.desk.title);
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<{ visit: TVisit; badge?: TBadge } | null>(null);
  const inM = useRepsMutation(checkIn);
  const outM = useRepsMutation(checkOut);
  const onSite = useVisits({ status: 'on_site', pageSize: 100 });

  const run = async (what: 'in' | 'out') => {
    setError(null);
    try {
      if (what === 'in') {
        const r = await inM.mutateAsync(code.trim());
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

  return (
    <>
      <PageHeader title={tr.desk.title} subtitle={tr.desk.subtitle} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card style={{ marginBottom: 16 }}>
            <Form layout="vertical" onFinish={() => valid && run('in')}>
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
                <Button type="primary" size="large" icon={<LoginOutlined />} disabled={!valid} loading={inM.isPending} onClick={() => run('in')} data-testid="desk-checkin">
                  {tr.desk.checkIn}
                </Button>
                <Button size="large" icon={<LogoutOutlined />} disabled={!valid} loading={outM.isPending} onClick={() => run('out')} data-testid="desk-checkout">
                  {tr.desk.checkOut}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
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
