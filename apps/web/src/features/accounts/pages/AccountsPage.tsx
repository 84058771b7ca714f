/** Accounts: who may sign in, with which role and scope; lock, 2FA and password resets. */
import { PlusOutlined } from '@ant-design/icons';
import type { TAccount } from '@qinglian/contracts';
import { App, Button, Popconfirm, Select, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { ActiveToggle } from '../../../components/ActiveToggle.tsx';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan, useMe } from '../../../lib/session.tsx';
import { useScope } from '../../../lib/scope.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { OrgFilters } from '../../org/components/OrgFilters.tsx';
import { type AccountPatch, useAccounts, usePatchAccount } from '../api.ts';
import { CreateAccountModal, EditAccountModal, ResetPasswordModal, useAssignableRoles } from '../components/AccountForms.tsx';

/** The accounts page. */
export default function AccountsPage() {
  const t = useT();
  const ta = t.accounts;
  usePageTitle(ta.title);
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const regionUser = useScope() === 'region';
  const writable = can('account.write');
  const roles = useAssignableRoles();
  const list = useListParams();
  const { data, isFetching, error } = useAccounts(list.query);
  const patch = usePatchAccount();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TAccount | null>(null);
  const [resetting, setResetting] = useState<TAccount | null>(null);

  const run = async (a: TAccount, p: AccountPatch, done: string) => {
    try {
      await patch.mutateAsync({ id: a.id, patch: p });
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const confirmLink = (title: string, label: string, onConfirm: () => Promise<unknown>, testId: string) => (
    <Popconfirm title={title} okText={t.common.ok} cancelText={t.common.cancel} onConfirm={onConfirm}>
      <Button type="link" size="small" data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );

  const columns: TableColumnsType<TAccount> = [
    { title: ta.username, dataIndex: 'username', key: 'username', sorter: true, sortOrder: list.sortOrder('username') },
    { title: ta.person, dataIndex: 'personName', key: 'personName', render: (v: string | null) => v || t.common.none },
    { title: ta.role, dataIndex: 'role', key: 'role', sorter: true, sortOrder: list.sortOrder('role'), render: (v: TAccount['role']) => t.roles[v] },
    ...(regionUser
      ? [{ title: ta.institution, dataIndex: 'institutionName', key: 'institutionName', render: (v: string | null) => v || t.common.none }]
      : []),
    { title: ta.department, dataIndex: 'departmentName', key: 'departmentName', render: (v: string | null) => v || t.common.none },
    {
      title: ta.lastLoginAt,
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: list.sortOrder('lastLoginAt'),
      render: (v: string | null) => (v ? formatDateTime(v) : ta.neverLoggedIn),
    },
    {
      title: t.common.status,
      key: 'status',
      render: (_, a) => (
        <Space size={4} wrap>
          {a.active ? <Tag color="green">{t.common.active}</Tag> : <Tag>{t.common.inactive}</Tag>}
          {a.locked && <Tag color="red">{ta.locked}</Tag>}
        </Space>
      ),
    },
    {
      title: ta.totp,
      dataIndex: 'totpEnabled',
      key: 'totpEnabled',
      render: (v: boolean) => (v ? <Tag color="blue">{ta.totpOn}</Tag> : <span className="ql-muted">{ta.totpOff}</span>),
    },
  ];
  if (writable)
    columns.push(
      actionsColumn(
        t.common.actions,
        (a) => (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(a)} data-testid="row-edit">
              {t.common.edit}
            </Button>
            <Button type="link" size="small" onClick={() => setResetting(a)} data-testid="row-reset-password">
              {ta.resetPassword}
            </Button>
            {a.locked && confirmLink(ta.unlockConfirm, ta.unlock, () => run(a, { unlock: true }, ta.unlocked), 'row-unlock')}
            {a.totpEnabled &&
              confirmLink(ta.resetTotpConfirm, ta.resetTotp, () => run(a, { resetTotp: true }, ta.totpReset), 'row-reset-totp')}
            {a.id !== me.accountId && (
              <ActiveToggle
                active={a.active}
                confirm={a.active ? ta.disableConfirm : ta.enableConfirm}
                labels={{ on: ta.enable, off: ta.disable }}
                onChange={(active) => patch.mutateAsync({ id: a.id, patch: { active } })}
                testId="row-toggle"
              />
            )}
          </Space>
        ),
        280,
      ),
    );

  return (
    <>
      <PageHeader
        title={ta.title}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-button">
                {ta.create}
              </Button>
            )}
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={ta.searchPlaceholder} statusFilter={false}>
        <OrgFilters list={list} department={false} />
        <Select
          aria-label={ta.role}
          placeholder={ta.allRoles}
          allowClear
          style={{ width: 220 }}
          value={list.value('role')}
          onChange={(v) => list.set({ role: v })}
          options={roles.map((r) => ({ value: r, label: t.roles[r] }))}
          data-testid="filter-role"
        />
      </ListToolbar>
      <ListTable testId="accounts-table" list={list} data={data} loading={isFetching}
        error={error} columns={columns} />
      <CreateAccountModal open={creating} onClose={() => setCreating(false)} />
      <EditAccountModal account={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
