/** The header's account button: name, role and institution; opens settings and sign-out. */
import { LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../features/auth/api.ts';
import { useT } from '../lib/i18n/index.tsx';
import { useMe } from '../lib/session.tsx';

/** Account button and menu in the header. */
export function UserMenu() {
  const me = useMe();
  const t = useT();
  const navigate = useNavigate();
  const logout = useLogout();
  const where = [me.institutionName ?? me.regionName, me.departmentName].filter(Boolean).join(' · ');
  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.6 }}>
          <div>
            <Typography.Text strong>{me.displayName}</Typography.Text> <Typography.Text type="secondary">{me.username}</Typography.Text>
          </div>
          <div>{t.roles[me.role]}</div>
          <Typography.Text type="secondary">{where}</Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'settings', icon: <SettingOutlined />, label: <span data-testid="menu-item-settings">{t.header.settings}</span> },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t.header.logout}</span> },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'settings') navigate('/settings');
    if (key === 'logout') logout.mutate();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" className="ql-user-button">
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f5fbf' }} />
        <span className="ql-user-name" data-testid="user-name">
          {me.displayName}
        </span>
        <Tag color="blue" data-testid="user-role" style={{ marginInlineEnd: 0 }}>
          {t.roles[me.role]}
        </Tag>
        <span className="ql-user-where">{me.institutionName ?? me.regionName}</span>
      </Button>
    </Dropdown>
  );
}
