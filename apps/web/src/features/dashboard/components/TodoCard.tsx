/** What waits for the signed-in user, most urgent first; each line opens the list behind its count. */
import { CheckCircleOutlined, ExclamationCircleFilled, InfoCircleFilled, RightOutlined, WarningFilled } from '@ant-design/icons';
import type { TTodo } from '@qinglian/contracts';
import { App, Button, Card, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../lib/i18n/index.tsx';
import { useRetryInbox, useTodo } from '../api.ts';

type Item = TTodo['items'][number];

const ICON: Record<Item['severity'], React.ReactNode> = {
  danger: <ExclamationCircleFilled style={{ color: 'var(--ant-color-error, #ff4d4f)' }} />,
  warning: <WarningFilled style={{ color: 'var(--ant-color-warning, #faad14)' }} />,
  info: <InfoCircleFilled style={{ color: 'var(--ant-color-primary, #1677ff)' }} />,
};

export function TodoCard() {
  const t = useT();
  const tt = t.home.todo;
  const { message } = App.useApp();
  const { data, isLoading } = useTodo();
  const retry = useRetryInbox();

  const action = (i: Item) => {
    if (i.key === 'cases.unregistered')
      return (
        <Button
          size="small"
          danger
          loading={retry.isPending}
          onClick={() => retry.mutate(undefined, { onSuccess: (r) => message.success(tt.retried(r.retried)) })}
        >
          {tt.retry}
        </Button>
      );
    return i.to ? (
      <Link to={i.to}>
        {tt.open} <RightOutlined />
      </Link>
    ) : null;
  };

  return (
    <Card size="small" title={<Typography.Text strong>{tt.title}</Typography.Text>} style={{ marginBottom: 16 }} data-testid="todo">
      {isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : !data?.items.length ? (
        <Typography.Text type="secondary" data-testid="todo-none">
          <CheckCircleOutlined style={{ color: 'var(--ant-color-success, #52c41a)', marginRight: 8 }} />
          {tt.none}
        </Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={data.items}
          rowKey="key"
          renderItem={(i) => (
            <List.Item data-testid={`todo-${i.key}`} actions={[action(i)]}>
              <span>
                <span style={{ marginRight: 8 }}>{ICON[i.severity]}</span>
                {i.to ? <Link to={i.to}>{tt.items[i.key](i.count)}</Link> : tt.items[i.key](i.count)}
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
