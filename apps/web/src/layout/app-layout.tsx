import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Layout, Space, Spin, Tag, Typography } from 'antd';
import { Link, Outlet } from 'react-router-dom';
import { roleLabel, scopeLabel, useMe } from '../api/me';
import { useAuth } from '../auth/auth-context';
import { messages } from '../i18n/messages';
import { useLiveStream } from '../live/live-stream';
import { NotificationBell } from '../notifications/notification-bell';

export function AppLayout() {
  const { signOut } = useAuth();
  const me = useMe();
  useLiveStream(me.isSuccess);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24, flexWrap: 'nowrap' }}
      >
        <Link to="/">
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            {messages.app.title}
          </Typography.Text>
        </Link>
        <div style={{ flex: 1 }} />
        {me.data ? (
          <Space size="middle" style={{ color: '#fff' }} data-testid="header-user">
            <span>
              <UserOutlined /> {me.data.displayName}
            </span>
            <Tag color="blue">{roleLabel(me.data.role)}</Tag>
            <span>{scopeLabel(me.data.scope)}</span>
          </Space>
        ) : null}
        {me.data ? <NotificationBell /> : null}
        <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
          {messages.auth.logout}
        </Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {me.isPending ? (
          <Spin description={messages.common.loading}>
            <div style={{ height: 120 }} />
          </Spin>
        ) : me.isError ? (
          <Alert type="error" showIcon title={me.error.message} />
        ) : (
          <Outlet />
        )}
      </Layout.Content>
    </Layout>
  );
}
