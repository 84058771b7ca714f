/** Account dialogs: create, change role and department, reset password. */
import { ROLE_SCOPE, type TAccount, type TRole } from '@qinglian/contracts';
import { Form, Input, Select, type SelectProps } from 'antd';
import { FormModal } from '../../../components/FormModal.tsx';
import { roles as allRoles } from '../../../lib/enums.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useScope } from '../../../lib/scope.ts';
import { InstitutionField } from '../../org/components/InstitutionField.tsx';
import { DepartmentSelect, PersonSelect } from '../../org/components/Pickers.tsx';
import { useCreateAccount, usePatchAccount, useResetPassword } from '../api.ts';
import { PasswordFields } from './PasswordFields.tsx';

/** Roles the user may hand out: region users any, institution administrators those inside an institution. */
export function useAssignableRoles(): TRole[] {
  const t = useT();
  const regionUser = useScope() === 'region';
  return allRoles(t).filter((r) => regionUser || ROLE_SCOPE[r] !== 'region');
}

/** Form.Item hands value/onChange/id to its child, so they must reach the Select. */
function RoleSelect(props: Omit<SelectProps<TRole>, 'options'>) {
  const t = useT();
  const roles = useAssignableRoles();
  return <Select {...props} options={roles.map((r) => ({ value: r, label: t.roles[r] }))} />;
}

function CreateFields() {
  const t = useT();
  const ta = t.accounts;
  const me = useMe();
  const form = Form.useFormInstance();
  const role = Form.useWatch<TRole | undefined>('role', form);
  const institutionId = Form.useWatch<string | undefined>('institutionId', form) ?? me.institutionId;
  const scope = role ? ROLE_SCOPE[role] : null;
  const required = { required: true, message: t.common.required };
  return (
    <>
      <Form.Item name="username" label={ta.username} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item name="role" label={ta.role} rules={[required]}>
        <RoleSelect />
      </Form.Item>
      {scope && scope !== 'region' && (
        <>
          <InstitutionField
            label={ta.institution}
            onChange={() => form.setFieldsValue({ departmentId: undefined, personId: undefined })}
          />
          <Form.Item name="departmentId" label={ta.department} rules={scope === 'department' ? [required] : []}>
            <DepartmentSelect institutionId={institutionId} allowClear />
          </Form.Item>
          <Form.Item name="personId" label={ta.person} extra={ta.personHint}>
            <PersonSelect institutionId={institutionId} />
          </Form.Item>
        </>
      )}
      <PasswordFields label={ta.password} />
    </>
  );
}

/** New account: username, role, where, person, initial password. */
export function CreateAccountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const create = useCreateAccount();
  const submit = ({ passwordConfirm: _c, ...v }: Record<string, unknown>) => {
    const regionRole = ROLE_SCOPE[v.role as TRole] === 'region';
    return create.mutateAsync({
      username: String(v.username).trim(),
      role: v.role as TRole,
      password: String(v.password),
      institutionId: regionRole ? null : ((v.institutionId as string | undefined) ?? null),
      departmentId: regionRole ? null : ((v.departmentId as string | undefined) ?? null),
      personId: regionRole ? null : ((v.personId as string | undefined) ?? null),
    });
  };
  return (
    <FormModal
      open={open}
      title={t.accounts.create}
      initialValues={{ institutionId: me.institutionId ?? undefined }}
      onClose={onClose}
      onSubmit={submit}
      successText={t.common.created}
      testId="account-form"
    >
      <CreateFields />
    </FormModal>
  );
}

function EditFields({ account }: { account: TAccount }) {
  const t = useT();
  const form = Form.useFormInstance();
  const role = Form.useWatch<TRole | undefined>('role', form);
  const scope = role ? ROLE_SCOPE[role] : null;
  return (
    <>
      <Form.Item name="role" label={t.accounts.role} rules={[{ required: true, message: t.common.required }]}>
        <RoleSelect />
      </Form.Item>
      {account.institutionId && scope !== 'region' && (
        <Form.Item
          name="departmentId"
          label={t.accounts.department}
          rules={scope === 'department' ? [{ required: true, message: t.common.required }] : []}
        >
          <DepartmentSelect institutionId={account.institutionId} allowClear />
        </Form.Item>
      )}
    </>
  );
}

/** Change the role and department of an account. */
export function EditAccountModal({ account, onClose }: { account: TAccount | null; onClose: () => void }) {
  const t = useT();
  const patch = usePatchAccount();
  return (
    <FormModal
      open={account !== null}
      title={account ? `${t.accounts.edit} · ${account.username}` : ''}
      initialValues={account ? { role: account.role, departmentId: account.departmentId ?? undefined } : {}}
      onClose={onClose}
      onSubmit={(v: { role: TRole; departmentId?: string }) =>
        patch.mutateAsync({ id: account!.id, patch: { role: v.role, departmentId: v.departmentId ?? null } })
      }
      testId="account-edit-form"
    >
      {account && <EditFields account={account} />}
    </FormModal>
  );
}

/** Give an account a new password. */
export function ResetPasswordModal({ account, onClose }: { account: TAccount | null; onClose: () => void }) {
  const t = useT();
  const reset = useResetPassword();
  return (
    <FormModal
      open={account !== null}
      title={account ? t.accounts.resetPasswordTitle(account.username) : ''}
      onClose={onClose}
      onSubmit={(v: { password: string }) => reset.mutateAsync({ id: account!.id, password: v.password })}
      successText={t.accounts.passwordReset}
      okText={t.accounts.resetPassword}
      testId="reset-password-form"
    >
      <PasswordFields label={t.accounts.newPassword} />
    </FormModal>
  );
}
