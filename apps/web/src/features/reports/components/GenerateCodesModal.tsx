/** Makes the missing codes of an institution: its own, all or some departments', or named clinicians'. */
import { Alert, App, Form, Radio, Select } from 'antd';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { InstitutionField } from '../../org/components/InstitutionField.tsx';
import { useDepartmentOptions } from '../../org/api.ts';
import { useGenerateCodes } from '../api.ts';
import { codeKindOptions } from '../labels.ts';
import { SubjectSelect } from './SubjectSelect.tsx';

function DepartmentsSelect({ institutionId, value, onChange }: { institutionId?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const t = useT();
  const { data, isLoading } = useDepartmentOptions(institutionId);
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      placeholder={t.reports.allDepartments}
      loading={isLoading}
      disabled={!institutionId}
      value={value}
      onChange={onChange}
      options={(data ?? []).map((d) => ({ value: d.id, label: d.name }))}
      showSearch={{ optionFilterProp: ['label'] }}
    />
  );
}

interface Values {
  institutionId?: string;
  kind: 'institution' | 'department' | 'clinician';
  departmentIds?: string[];
  personIds?: string[];
}

export function GenerateCodesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const tr = t.reports;
  const me = useMe();
  const { message } = App.useApp();
  const generate = useGenerateCodes();
  return (
    <FormModal<Values>
      open={open}
      title={tr.generateTitle}
      onClose={onClose}
      okText={tr.generate}
      successText={null}
      testId="generate-form"
      initialValues={{ kind: 'department', institutionId: me.institutionId ?? undefined }}
      onSubmit={async (v) => {
        const r = await generate.mutateAsync({
          institutionId: (v.institutionId ?? me.institutionId)!,
          kind: v.kind,
          departmentIds: v.kind === 'department' ? (v.departmentIds ?? []) : [],
          personIds: v.kind === 'clinician' ? (v.personIds ?? []) : [],
        });
        message.success(tr.generated(r.created, r.existing));
      }}
    >
      <InstitutionField />
      <Form.Item name="kind" label={tr.codeKind}>
        <Radio.Group optionType="button" options={codeKindOptions(t)} data-testid="generate-kind" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const kind = getFieldValue('kind');
          const inst = getFieldValue('institutionId') as string | undefined;
          if (kind === 'department')
            return (
              <Form.Item name="departmentIds" label={tr.generateDepartments} extra={tr.generateDepartmentsHint}>
                <DepartmentsSelect institutionId={inst} />
              </Form.Item>
            );
          if (kind === 'clinician')
            return (
              <>
                <Alert type="info" showIcon title={tr.clinicianCodesHint} style={{ marginBottom: 12 }} />
                <Form.Item name="personIds" label={tr.generateClinicians} rules={[{ required: true, message: t.common.required }]}>
                  <SubjectSelect institutionId={inst} />
                </Form.Item>
              </>
            );
          return <p>{tr.generateInstitutionHint}</p>;
        }}
      </Form.Item>
    </FormModal>
  );
}
