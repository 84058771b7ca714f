/** The signed-in frame: side menu from permissions, header with notifications, language and account. */
import { App as AntApp, Flex, Layout, Menu, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { FullPageSpin } from '../components/Status.tsx';
import { NotificationBell } from '../features/notifications/components/NotificationBell.tsx';
import { useT } from '../lib/i18n/index.tsx';
import { useCan, useMe } from '../lib/session.tsx';
import { buildMenu, selectedKeyOf } from './menu.tsx';
import { gateOf } from './RequireAuth.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in frame around every console page. */
export default function AppLayout() {
  const me = useMe();
  const can = useCan();
  const t = useT();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const gated = gateOf(me) !== null;
  return (
    <AntApp>
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        className="ql-sider"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={216}
        theme="dark"
      >
        <div className="ql-logo" title={t.app.name}>
          <span className="ql-logo-mark">廉</span>
          {!collapsed && <span className="ql-logo-text">{t.app.siderTitle}</span>}
        </div>
        <nav aria-label={t.app.name}>
          <Menu
            theme="dark"
            mode="inline"
            items={buildMenu(t, can, gated)}
            selectedKeys={[selectedKeyOf(pathname)]}
            data-testid="side-menu"
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="ql-header">
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text className="ql-header-scope" ellipsis>
              {me.regionName}
              {me.institutionName ? ` / ${me.institutionName}` : ''}
            </Typography.Text>
            <Flex align="center" gap={4}>
              {!gated && can('notification.read') && <NotificationBell />}
              <LanguageSwitch signedIn />
              <UserMenu />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content className="ql-content">
          <main>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
        <Layout.Footer className="ql-footer ql-no-print">{t.app.footer}</Layout.Footer>
      </Layout>
    </Layout>
    </AntApp>
  );
}
