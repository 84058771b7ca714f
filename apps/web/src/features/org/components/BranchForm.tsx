/** Create or edit a party branch with its secretary and discipline member. */
import type { TBranch } from '@qinglian/contracts';
import { Form, Input } from 'antd';
import { FormModal } from '../../../components/FormModal.tsx';
import { nullify } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useOrgSave } from '../api.ts';
import { InstitutionField } from './InstitutionField.tsx';
import { DepartmentSelect, PersonSelect } from './Pickers.tsx';

function Fields({ current }: { current: TBranch | null }) {
  const t = useT();
  const tb = t.org.branch;
  const form = Form.useFormInstance();
  const watched = Form.useWatch<string | undefined>('institutionId', form);
  const institutionId = current?.institutionId ?? watched;
  const person = (id: string | null | undefined, name: string | null | undefined) => (id && name ? { id, name } : null);
  return (
    <>
      {!current && (
        <InstitutionField
          label={tb.institution}
          onChange={() => form.setFieldsValue({ departmentId: undefined, secretaryId: undefined, inspectorId: undefined })}
        />
      )}
      <Form.Item name="name" label={tb.name} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="departmentId" label={tb.department}>
        <DepartmentSelect institutionId={institutionId} allowClear />
      </Form.Item>
      <Form.Item name="secretaryId" label={tb.secretary}>
        <PersonSelect institutionId={institutionId} initial={person(current?.secretaryId, current?.secretaryName)} />
      </Form.Item>
      <Form.Item name="inspectorId" label={tb.inspector}>
        <PersonSelect institutionId={institutionId} initial={person(current?.inspectorId, current?.inspectorName)} />
      </Form.Item>
    </>
  );
}

/** Create/edit dialog for a party branch. */
export function BranchForm({ editing, onClose }: { editing: TBranch | 'new' | null; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const save = useOrgSave('branches');
  const current = editing && editing !== 'new' ? editing : null;
  const initial: Record<string, unknown> = current
    ? { name: current.name, departmentId: current.departmentId, secretaryId: current.secretaryId, inspectorId: current.inspectorId }
    : { institutionId: me.institutionId ?? undefined };
  return (
    <FormModal
      open={editing !== null}
      title={current ? t.org.branch.edit : t.org.branch.create}
      initialValues={initial}
      onClose={onClose}
      onSubmit={(values) =>
        save.mutateAsync({ id: current?.id, values: nullify(values, ['departmentId', 'secretaryId', 'inspectorId']) })
      }
      testId="branch-form"
    >
      <Fields current={current} />
    </FormModal>
  );
}
