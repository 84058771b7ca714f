/** Create or edit an institution. */
import type { TInstitution } from '@qinglian/contracts';
import { Form, Input, Select, Switch } from 'antd';
import { FormModal } from '../../../components/FormModal.tsx';
import { institutionKinds, institutionLevels } from '../../../lib/enums.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useOrgSave, useRegionOptions } from '../api.ts';

/** Create/edit dialog for an institution. */
export function InstitutionForm({ editing, onClose }: { editing: TInstitution | 'new' | null; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const save = useOrgSave('institutions');
  const isNew = editing === 'new';
  const regions = useRegionOptions(isNew);
  const current = editing && editing !== 'new' ? editing : null;
  const initial: Record<string, unknown> = current
    ? { code: current.code, name: current.name, level: current.level, kind: current.kind, requireTotpForDiscipline: current.requireTotpForDiscipline }
    : { regionId: me.regionId, level: 'secondary', kind: 'general', requireTotpForDiscipline: false };
  return (
    <FormModal
      open={editing !== null}
      title={isNew ? t.org.institution.create : t.org.institution.edit}
      initialValues={initial}
      onClose={onClose}
      onSubmit={(values) => save.mutateAsync({ id: current?.id, values })}
      testId="institution-form"
    >
      {isNew && (regions.data?.length ?? 0) > 1 && (
        <Form.Item name="regionId" label={t.org.institution.region} rules={[{ required: true, message: t.common.required }]}>
          <Select options={regions.data?.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
      )}
      {isNew && (regions.data?.length ?? 0) <= 1 && (
        <Form.Item name="regionId" hidden>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="code" label={t.org.institution.code} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="name" label={t.org.institution.name} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="level" label={t.org.institution.level} rules={[{ required: true, message: t.common.required }]}>
        <Select options={institutionLevels(t).map((l) => ({ value: l, label: t.org.levels[l] }))} />
      </Form.Item>
      <Form.Item name="kind" label={t.org.institution.kind} rules={[{ required: true, message: t.common.required }]}>
        <Select options={institutionKinds(t).map((k) => ({ value: k, label: t.org.kinds[k] }))} />
      </Form.Item>
      <Form.Item name="requireTotpForDiscipline" label={t.org.institution.requireTotp} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
