import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Grid, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { createElement, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { roleLabel, useMe, useScopeLabel } from '../api/me';
import { useAuth } from '../auth/auth-context';
import { messages } from '../i18n/messages';
import { useLiveStream } from '../live/live-stream';
import { NotificationBell } from '../notifications/notification-bell';
import './app-layout.css';
import { activeNavKey, nav } from './nav';

/** Below antd's `lg` (992 px: tablets, narrow windows) the menu starts folded and folds after a choice. */
const MENU_BREAKPOINT = 'lg';
/** Long park names must not push the bell and logout off a tablet's header. */
const SCOPE_STYLE = {
  display: 'inline-block',
  maxWidth: 'min(280px, 24vw)',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  verticalAlign: 'bottom',
} as const;

export function AppLayout() {
  const { signOut } = useAuth();
  const me = useMe();
  useLiveStream(me.isSuccess);
  const scope = useScopeLabel(me.data?.scope);
  const screens = Grid.useBreakpoint();
  const narrow = screens[MENU_BREAKPOINT] === false;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const folded = collapsed ?? narrow;
  const { pathname } = useLocation();
  const entries = me.data ? nav[me.data.role] : [];
  const withMenu = entries.length > 1;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: 16, flexWrap: 'nowrap' }}
      >
        {withMenu ? (
          <Button
            type="text"
            aria-label={messages.nav.toggle}
            data-testid="nav-toggle"
            icon={folded ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            style={{ color: '#fff' }}
            onClick={() => setCollapsed(!folded)}
          />
        ) : null}
        <Link to="/">
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            <span className="daiban-wide-only">{messages.app.title}</span>
            <span className="daiban-narrow-only">{messages.app.shortTitle}</span>
          </Typography.Text>
        </Link>
        <div style={{ flex: 1 }} />
        {me.data ? (
          <Space size="middle" style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="header-user">
            <span>
              <UserOutlined /> {me.data.displayName}
            </span>
            <Tag color="blue">{roleLabel(me.data.role)}</Tag>
            <span className="daiban-wide-only" data-testid="header-scope" title={scope} style={SCOPE_STYLE}>
              {scope}
            </span>
          </Space>
        ) : null}
        {me.data ? <NotificationBell /> : null}
        <Button icon={<LogoutOutlined />} onClick={() => void signOut()} aria-label={messages.auth.logout}>
          <span className="daiban-wide-only">{messages.auth.logout}</span>
        </Button>
      </Layout.Header>
      <Layout hasSider={withMenu}>
        {withMenu ? (
          <Layout.Sider
            theme="light"
            width={200}
            collapsedWidth={0}
            collapsed={folded}
            trigger={null}
            data-testid="nav"
            aria-label={messages.nav.menu}
          >
            <Menu
              mode="inline"
              selectedKeys={[activeNavKey(entries, pathname) ?? '']}
              style={{ height: '100%', borderInlineEnd: 0 }}
              onClick={() => (narrow ? setCollapsed(true) : undefined)}
              items={entries.map((entry) => ({
                key: entry.key,
                icon: createElement(entry.icon),
                label: <Link to={entry.path}>{entry.label}</Link>,
                'data-testid': `nav-${entry.key}`,
              }))}
            />
          </Layout.Sider>
        ) : null}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
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
    </Layout>
  );
}
