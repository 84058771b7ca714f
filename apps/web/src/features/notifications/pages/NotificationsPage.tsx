/** The user's notifications: unread first by default, mark read one by one or all at once. */
import type { TNotification } from '@qinglian/contracts';
import { App, Badge, Button, Segmented, Space, type TableColumnsType, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ListTable } from '../../../components/ListTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { ALL, useListParams } from '../../../lib/listParams.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api.ts';

/** The notifications page. */
export default function NotificationsPage() {
  const t = useT();
  const tn = t.notifications;
  usePageTitle(tn.title);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useListParams({ unread: 'true' });
  const { data, isFetching, error } = useNotifications(list.query);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const readAll = async () => {
    try {
      await markAll.mutateAsync();
      message.success(tn.allRead);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<TNotification> = [
    {
      title: t.common.status,
      dataIndex: 'readAt',
      key: 'readAt',
      width: 90,
      render: (v: string | null) => (v ? <Badge status="default" text={tn.read} /> : <Badge status="processing" text={tn.unread} />),
    },
    {
      title: tn.title,
      key: 'title',
      render: (_, n) => (
        <>
          <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
          <div style={{ color: '#666', whiteSpace: 'pre-wrap' }}>{n.body}</div>
        </>
      ),
    },
    { title: tn.receivedAt, dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t.common.actions,
      key: 'actions',
      className: 'ql-no-print',
      width: 180,
      render: (_, n) => (
        <Space size={0}>
          {n.link?.startsWith('/') && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                if (!n.readAt) markRead.mutate(n.id);
                navigate(n.link!);
              }}
            >
              {tn.open}
            </Button>
          )}
          {!n.readAt && (
            <Button type="link" size="small" onClick={() => markRead.mutate(n.id)} data-testid="mark-read">
              {tn.markRead}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={tn.title}
        extra={
          <Button onClick={readAll} loading={markAll.isPending} data-testid="mark-all-read">
            {tn.markAllRead}
          </Button>
        }
      />
      <div className="ql-no-print" style={{ marginBottom: 16 }}>
        <Segmented
          value={list.value('unread') === 'true' ? 'true' : ALL}
          onChange={(v) => list.set({ unread: v })}
          options={[
            { value: 'true', label: tn.unreadOnly },
            { value: ALL, label: t.common.all },
          ]}
          data-testid="filter-unread"
        />
      </div>
      <ListTable testId="notifications-table" list={list} data={data} loading={isFetching}
        error={error} columns={columns} locale={{ emptyText: tn.empty }} />
    </>
  );
}
