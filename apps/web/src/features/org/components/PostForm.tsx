/** Create or edit a post held by a person (cadre level, key-post flag, period). */
import type { TPost } from '@qinglian/contracts';
import { Col, DatePicker, Form, Input, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../../components/FormModal.tsx';
import { cadreLevels } from '../../../lib/enums.ts';
import { nullify } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useScope } from '../../../lib/scope.ts';
import { fromIsoDate, toIsoDate } from '../../../lib/time.ts';
import { useOrgSave } from '../api.ts';
import { DepartmentSelect, InstitutionSelect, PersonSelect } from './Pickers.tsx';

function Fields({ current }: { current: TPost | null }) {
  const t = useT();
  const tp = t.org.post;
  const me = useMe();
  const regionUser = useScope() === 'region';
  const form = Form.useFormInstance();
  const watched = Form.useWatch<string | undefined>('institutionId', form);
  const institutionId = current?.institutionId ?? watched ?? me.institutionId;
  const required = { required: true, message: t.common.required };
  return (
    <>
      {!current && regionUser && (
        // Only narrows the person search; the post's institution is the person's.
        <Form.Item name="institutionId" label={t.org.institutionFilter} rules={[required]}>
          <InstitutionSelect onChange={() => form.setFieldsValue({ personId: undefined, departmentId: undefined })} />
        </Form.Item>
      )}
      {current ? (
        <Form.Item label={tp.person}>
          <Input value={current.personName ?? ''} disabled />
        </Form.Item>
      ) : (
        <Form.Item name="personId" label={tp.person} rules={[required]}>
          <PersonSelect institutionId={institutionId} />
        </Form.Item>
      )}
      <Form.Item name="name" label={tp.name} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="departmentId" label={tp.department}>
        <DepartmentSelect institutionId={institutionId} allowClear />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="cadreLevel" label={tp.cadreLevel} rules={[required]}>
            <Select options={cadreLevels(t).map((c) => ({ value: c, label: t.org.cadre[c] }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="keyPost" label={tp.keyPost} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="startedOn" label={tp.startedOn}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="endedOn"
            label={tp.endedOn}
            dependencies={['startedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null) => {
                  const start = getFieldValue('startedOn') as Dayjs | null;
                  return !v || !start || !v.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(tp.endBeforeStart);
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Create/edit dialog for a post. */
export function PostForm({
  editing,
  onClose,
  personId,
}: {
  editing: TPost | 'new' | null;
  onClose: () => void;
  /** Preselects the holder when the list is filtered to one person. */
  personId?: string;
}) {
  const t = useT();
  const save = useOrgSave('posts');
  const current = editing && editing !== 'new' ? editing : null;
  const initial: Record<string, unknown> = current
    ? {
        name: current.name,
        departmentId: current.departmentId,
        cadreLevel: current.cadreLevel,
        keyPost: current.keyPost,
        startedOn: fromIsoDate(current.startedOn),
        endedOn: fromIsoDate(current.endedOn),
      }
    : { cadreLevel: 'none', keyPost: false, personId };
  const submit = ({ institutionId: _i, startedOn, endedOn, ...rest }: Record<string, unknown>) =>
    save.mutateAsync({
      id: current?.id,
      values: nullify<Record<string, unknown>>(
        { ...rest, startedOn: toIsoDate(startedOn as Dayjs | null), endedOn: toIsoDate(endedOn as Dayjs | null) },
        ['departmentId'],
      ),
    });
  return (
    <FormModal
      open={editing !== null}
      title={current ? t.org.post.edit : t.org.post.create}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
      width={620}
      testId="post-form"
    >
      <Fields current={current} />
    </FormModal>
  );
}
