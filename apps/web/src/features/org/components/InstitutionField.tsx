/** The institution of a new record: a picker for region users, fixed to their own for everyone else. */
import { Form, Input } from 'antd';
import { useT } from '../../../lib/i18n/index.tsx';
import { useScope } from '../../../lib/scope.ts';
import { InstitutionSelect } from './Pickers.tsx';

/** Institution form field for new records. */
export function InstitutionField({ label, onChange }: { label?: string; onChange?: () => void }) {
  const t = useT();
  const regionUser = useScope() === 'region';
  if (!regionUser)
    return (
      <Form.Item name="institutionId" hidden>
        <Input />
      </Form.Item>
    );
  return (
    <Form.Item name="institutionId" label={label ?? t.org.institutionFilter} rules={[{ required: true, message: t.common.required }]}>
      <InstitutionSelect onChange={onChange} />
    </Form.Item>
  );
}
