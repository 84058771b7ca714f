/** Create or edit a person; the national ID is write-only here (the list shows it masked). */
import { isValidNationalId, type TPerson } from '@qinglian/contracts';
import { Col, Form, Input, Row } from 'antd';
import { FormModal } from '../../../components/FormModal.tsx';
import { nullify } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useOrgSave } from '../api.ts';
import { InstitutionField } from './InstitutionField.tsx';
import { DepartmentSelect } from './Pickers.tsx';

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

function Fields({ current }: { current: TPerson | null }) {
  const t = useT();
  const tp = t.org.person;
  const form = Form.useFormInstance();
  const watched = Form.useWatch<string | undefined>('institutionId', form);
  const institutionId = current?.institutionId ?? watched;
  const required = [{ required: true, whitespace: true, message: t.common.required }];
  return (
    <>
      {!current && <InstitutionField label={tp.institution} onChange={() => form.setFieldsValue({ departmentId: undefined })} />}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="staffNo" label={tp.staffNo} rules={required}>
            <Input maxLength={32} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={tp.name} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="departmentId" label={tp.department}>
        <DepartmentSelect institutionId={institutionId} allowClear />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="title" label={tp.jobTitle}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="specialty" label={tp.specialty}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="phone"
        label={tp.phone}
        rules={[{ validator: (_, v?: string) => (!v || PHONE.test(v.trim()) ? Promise.resolve() : Promise.reject(tp.phoneInvalid)) }]}
      >
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item
        name="nationalId"
        label={tp.nationalId}
        extra={current?.nationalIdMasked ? `${current.nationalIdMasked} · ${tp.nationalIdKeep}` : undefined}
        rules={[
          {
            validator: (_, v?: string) =>
              !v || isValidNationalId(v) ? Promise.resolve() : Promise.reject(tp.nationalIdInvalid),
          },
        ]}
      >
        <Input maxLength={18} autoComplete="off" />
      </Form.Item>
    </>
  );
}

/** Create/edit dialog for a person. */
export function PersonForm({ editing, onClose }: { editing: TPerson | 'new' | null; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const save = useOrgSave('people');
  const current = editing && editing !== 'new' ? editing : null;
  const initial: Record<string, unknown> = current
    ? {
        staffNo: current.staffNo,
        name: current.name,
        departmentId: current.departmentId,
        title: current.title,
        specialty: current.specialty,
        phone: current.phone,
      }
    : { institutionId: me.institutionId ?? undefined, departmentId: me.departmentId ?? undefined };
  const submit = (raw: Record<string, unknown>) => {
    const values = nullify(raw, ['departmentId', 'title', 'specialty', 'phone']);
    // An empty national ID on edit means "keep"; the field never shows the stored number.
    if (!values.nationalId) delete values.nationalId;
    return save.mutateAsync({ id: current?.id, values });
  };
  return (
    <FormModal
      open={editing !== null}
      title={current ? t.org.person.edit : t.org.person.create}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
      width={620}
      testId="person-form"
    >
      <Fields current={current} />
    </FormModal>
  );
}
