/** Create or edit a department. */
import type { TDepartment } from '@qinglian/contracts';
import { Form, Input, Radio } from 'antd';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useOrgSave } from '../api.ts';
import { InstitutionField } from './InstitutionField.tsx';

/** Create/edit dialog for a department. */
export function DepartmentForm({ editing, onClose }: { editing: TDepartment | 'new' | null; onClose: () => void }) {
  const t = useT();
  const td = t.org.department;
  const me = useMe();
  const save = useOrgSave('departments');
  const current = editing && editing !== 'new' ? editing : null;
  const initial: Record<string, unknown> = current
    ? { code: current.code, name: current.name, clinical: current.clinical }
    : { institutionId: me.institutionId ?? undefined, clinical: true };
  return (
    <FormModal
      open={editing !== null}
      title={current ? td.edit : td.create}
      initialValues={initial}
      onClose={onClose}
      onSubmit={(values) => save.mutateAsync({ id: current?.id, values })}
      testId="department-form"
    >
      {!current && <InstitutionField label={td.institution} />}
      <Form.Item name="code" label={td.code} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="name" label={td.name} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="clinical" label={td.type} rules={[{ required: true, message: t.common.required }]}>
        <Radio.Group
          options={[
            { value: true, label: td.clinicalYes },
            { value: false, label: td.clinicalNo },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}
