import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Popover, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { messages } from '../i18n/messages';
import { formatDate } from '../lib/format';

type NotificationList =
  paths['/api/v1/me/notifications']['get']['responses'][200]['content']['application/json'];
type Notification = NotificationList['items'][number];

const t = messages.notifications;
const LATEST = 10;

export const notificationKeys = {
  unread: ['notifications', 'unread'] as const,
  latest: ['notifications', 'latest', LATEST] as const,
};

function NotificationRow({ item, onRead }: { item: Notification; onRead(id: string): void }) {
  const unread = item.readAt === null;
  return (
    <div
      data-testid="notification"
      data-unread={unread}
      style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', opacity: unread ? 1 : 0.65 }}
    >
      <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong={unread}>
          {item.urgent ? <Tag color="red">{t.urgent}</Tag> : null}
          {item.title}
        </Typography.Text>
        {unread ? (
          <Button size="small" type="link" onClick={() => onRead(item.id)}>
            {t.markRead}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t.read}</Typography.Text>
        )}
      </Space>
      <Typography.Paragraph style={{ margin: 0 }} type="secondary" ellipsis={{ rows: 2 }}>
        {item.body}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDate(item.createdAt)}
      </Typography.Text>
    </div>
  );
}

/** The header bell: unread count, and the latest messages with 标为已读 / 全部已读. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const unread = useQuery({
    queryKey: notificationKeys.unread,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/notifications/unread-count')).unread,
  });
  const latest = useQuery({
    queryKey: notificationKeys.latest,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/me/notifications', { params: { query: { limit: LATEST } } })),
    enabled: open,
  });
  const afterMark = (result: { unread: number }) => {
    queryClient.setQueryData(notificationKeys.unread, result.unread);
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
  const onError = (error: Error) => void message.error(error.message);
  const markRead = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/me/notifications/read', { body: { ids: [id] } })),
    onSuccess: afterMark,
    onError,
  });
  const markAll = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/me/notifications/read-all')),
    onSuccess: afterMark,
    onError,
  });

  const count = unread.data ?? 0;
  const content = (
    <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
      {latest.isPending ? (
        <Spin description={messages.common.loading}>
          <div style={{ height: 80 }} />
        </Spin>
      ) : latest.isError ? (
        <Typography.Text type="danger">{latest.error.message}</Typography.Text>
      ) : latest.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
      ) : (
        latest.data.items.map((item) => (
          <NotificationRow key={item.id} item={item} onRead={(id) => markRead.mutate(id)} />
        ))
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{t.title}</span>
          <Button
            size="small"
            type="link"
            disabled={count === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t.markAllRead}
          </Button>
        </Space>
      }
      content={content}
    >
      <Badge count={count} size="small" overflowCount={99}>
        <Button
          shape="circle"
          icon={<BellOutlined />}
          aria-label={count > 0 ? `${t.bell}（${t.unread(count)}）` : t.bell}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
