/** Header bell: unread count, the latest unread messages, and shortcuts to read them. */
import { BellOutlined } from '@ant-design/icons';
import type { TNotification } from '@qinglian/contracts';
import { Badge, Button, Card, Dropdown, Empty, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../lib/i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useMarkAllRead, useMarkRead, useUnreadNotifications } from '../api.ts';

/** The header bell with its dropdown. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { data } = useUnreadNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = data?.unread ?? data?.total ?? 0;

  const openItem = (n: TNotification) => {
    markRead.mutate(n.id);
    setOpen(false);
    if (n.link?.startsWith('/')) navigate(n.link);
  };

  const panel = (
    <Card
      size="small"
      style={{ width: 340 }}
      title={t.header.notifications}
      data-testid="notification-panel"
      extra={
        count > 0 && (
          <Button type="link" size="small" onClick={() => markAll.mutate()} loading={markAll.isPending}>
            {t.header.markAllRead}
          </Button>
        )
      }
      actions={[
        <Button
          key="all"
          type="link"
          size="small"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          {t.header.viewAll}
        </Button>,
      ]}
    >
      {data && data.items.length > 0 ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer', paddingInline: 0 }} onClick={() => openItem(n)}>
              <Flex vertical style={{ width: '100%' }}>
                <Typography.Text strong ellipsis>
                  {n.title}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                  {n.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.header.noUnread} />
      )}
    </Card>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} placement="bottomRight" popupRender={() => panel}>
      <Button type="text" aria-label={count > 0 ? t.header.unreadCount(count) : t.header.notifications} data-testid="notification-bell">
        <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
