/** 预约审批: the week's slots with places taken, and the bookings to approve (naming hosts) or refuse. */
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { BOOKING_STATUSES, type TBooking } from '@qinglian/contracts';
import { Button, Card, Empty, Form, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { FormModal } from '../../../components/FormModal.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan, useMe } from '../../../lib/session.tsx';
import { nowInChina } from '../../../lib/time.ts';
import { decideBooking, useBookings, useCalendar, useRepsMutation, useRules } from '../api.ts';
import { HostSelect } from '../components/HostSelect.tsx';
import { BookingStatusTag } from '../components/RepTags.tsx';

export default function BookingsPage() {
  const t = useT();
  const tr = t.reps;
  usePageTitle(tr.bookings.title);
  const can = useCan();
  const list = useListParams({ status: 'requested' });
  const { data, error } = useBookings(list.query);
  const [deciding, setDeciding] = useState<{ b: TBooking; decision: 'approve' | 'refuse' } | null>(null);
  const decide = useRepsMutation(({ id, body }: { id: string; body: object }) => decideBooking(id, body));
  const me = useMe();
  const { data: rules } = useRules();

  const columns: TableColumnsType<TBooking> = [
    { title: tr.common.date, key: 'date', sorter: true, sortOrder: list.sortOrder('date'), render: (_: unknown, b) => `${b.date} ${b.start}-${b.end}` },
    { title: tr.common.rep, key: 'repName', sorter: true, sortOrder: list.sortOrder('repName'), render: (_: unknown, b) => `${b.repName ?? ''}（${b.companyName ?? ''}）` },
    { title: tr.common.department, dataIndex: 'departmentName', key: 'departmentName', sorter: true, sortOrder: list.sortOrder('departmentName') },
    { title: tr.common.purpose, dataIndex: 'purpose', key: 'purpose', width: 220 },
    { title: tr.common.products, dataIndex: 'products', key: 'products', render: (v: string[]) => v.join('、') },
    { title: tr.bookings.decideBy, dataIndex: 'decideBy', key: 'decideBy', render: (v: string, b) => (b.status === 'requested' && v <= nowInChina().format('YYYY-MM-DD') ? <Tag color="red">{v}</Tag> : v) },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (v: TBooking['status'], b) => (
      <Space orientation="vertical" size={2}>
        <BookingStatusTag status={v} />
        {b.hosts.length > 0 && <span>{b.hosts.map((h) => h.name).join('、')}</span>}
        {b.room && <span>{b.room}</span>}
        {b.reason && <span>{b.reason}</span>}
      </Space>
    ) },
    actionsColumn(t.common.actions, (b: TBooking) =>
      can('rep.manage') && b.status === 'requested' ? (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDeciding({ b, decision: 'approve' })} data-testid="booking-approve">
            {tr.bookings.approve}
          </Button>
          <Button type="link" size="small" danger onClick={() => setDeciding({ b, decision: 'refuse' })} data-testid="booking-refuse">
            {tr.bookings.refuse}
          </Button>
        </Space>
      ) : null,
    ),
  ];

  return (
    <>
      <PageHeader title={tr.bookings.title} subtitle={tr.bookings.subtitle} />
      <WeekCalendar />
      <ListToolbar list={list} placeholder={tr.bookings.search} statusFilter={false}>
        <Select
          aria-label={t.common.status}
          style={{ width: 140 }}
          value={list.value('status')}
          onChange={(v) => list.set({ status: v ?? 'all' })}
          allowClear
          options={BOOKING_STATUSES.map((s) => ({ value: s, label: tr.bookingStatus[s] }))}
          data-testid="status-filter"
        />
      </ListToolbar>
      <ListTable<TBooking> testId="bookings-table" list={list} data={data} columns={columns} error={error} />
      <FormModal<{ hostIds: string[]; room?: string; reason?: string }>
        open={!!deciding}
        title={deciding?.decision === 'approve' ? tr.bookings.approveTitle : tr.bookings.refuseTitle}
        onClose={() => setDeciding(null)}
        onSubmit={(v) => decide.mutateAsync({ id: deciding!.b.id, body: { decision: deciding!.decision, ...v } })}
        initialValues={{ room: rules?.rooms[0] }}
        testId="booking-decision-form"
      >
        {deciding?.decision === 'approve' ? (
          <>
            <Form.Item name="hostIds" label={tr.common.hosts} extra={tr.bookings.hostsHint(rules?.hostsRequired ?? 2)} rules={[{ required: true }]}>
              <HostSelect institutionId={me.institutionId} data-testid="booking-hosts" />
            </Form.Item>
            <Form.Item name="room" label={tr.common.room}>
              <Select options={(rules?.rooms ?? []).map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label={tr.common.reason} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </FormModal>
    </>
  );
}

/** One week of slots: places taken against capacity. */
function WeekCalendar() {
  const t = useT();
  const tr = t.reps;
  const [monday, setMonday] = useState(() => {
    const now = nowInChina();
    return now.subtract((now.day() + 6) % 7, 'day').format('YYYY-MM-DD');
  });
  const sunday = dayjs(monday).add(6, 'day').format('YYYY-MM-DD');
  const { data } = useCalendar(monday, sunday);
  const { days, times } = useMemo(() => {
    const items = data?.items ?? [];
    return { days: [...new Set(items.map((s) => s.date))], times: [...new Set(items.map((s) => `${s.start}-${s.end}`))].sort() };
  }, [data]);
  const columns: TableColumnsType<{ key: string }> = [
    { title: tr.common.time, dataIndex: 'key', key: 'time', width: 120 },
    ...days.map((d) => ({
      title: `${d.slice(5)} ${tr.weekdays[((dayjs(d).day() + 6) % 7) + 1]}`,
      key: d,
      render: (_: unknown, row: { key: string }) => {
        const s = data?.items.find((x) => x.date === d && `${x.start}-${x.end}` === row.key);
        if (!s) return null;
        const full = s.booked >= s.capacity;
        return <Tag color={full ? 'red' : s.booked ? 'gold' : 'default'}>{tr.bookings.slotLoad(s.booked, s.capacity)}</Tag>;
      },
    })),
  ];
  const move = (n: number) => setMonday(dayjs(monday).add(n * 7, 'day').format('YYYY-MM-DD'));
  return (
    <Card
      size="small"
      title={`${tr.bookings.calendar}：${monday} ~ ${sunday}`}
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          <Button size="small" icon={<LeftOutlined />} onClick={() => move(-1)} aria-label={tr.bookings.prevWeek} />
          <Button size="small" icon={<RightOutlined />} onClick={() => move(1)} aria-label={tr.bookings.nextWeek} />
        </Space>
      }
      data-testid="booking-calendar"
    >
      {days.length ? (
        <Table size="small" pagination={false} columns={columns} dataSource={times.map((k) => ({ key: k }))} scroll={{ x: 'max-content' }} />
      ) : (
        <Empty description={tr.bookings.noSlots} />
      )}
    </Card>
  );
}
