/** A checklist template: sections with a pass mark, each with weighted items (ids are made from positions). */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, InputNumber } from 'antd';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { useCreateTemplate, useTemplateEdit } from '../api.ts';
import type { Template } from '../types.ts';

interface Values {
  name: string;
  sections: { title: string; passMark: number; items: { text: string; weight: number }[] }[];
}

const EMPTY: Values = { name: '', sections: [{ title: '', passMark: 80, items: [{ text: '', weight: 1 }] }] };

function Items({ section }: { section: number }) {
  const t = useT();
  const tt = t.supervision.template;
  return (
    <Form.List name={[section, 'items']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Flex key={f.key} gap={8} align="start" data-testid="template-item">
              <span style={{ paddingTop: 5, width: 24, color: '#999' }}>{i + 1}.</span>
              <Form.Item name={[f.name, 'text']} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]} style={{ flex: 1, marginBottom: 8 }}>
                <Input aria-label={tt.item} placeholder={tt.item} maxLength={300} />
              </Form.Item>
              <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t.common.required }]} style={{ marginBottom: 8 }}>
                <InputNumber aria-label={tt.weight} prefix={tt.weightShort} min={0} max={100} style={{ width: 110 }} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={tt.remove} disabled={fields.length === 1} onClick={() => remove(f.name)} />
            </Flex>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ text: '', weight: 1 })} data-testid="add-item">
            {tt.addItem}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Creates a template, or edits one (`template`): changed items make a new version, planned rounds keep theirs. */
export function TemplateForm({ open, onClose, template }: { open: boolean; onClose: () => void; template?: Template }) {
  const t = useT();
  const tt = t.supervision.template;
  const create = useCreateTemplate();
  const { update } = useTemplateEdit();
  const submit = (v: Values) => {
    const body = {
      name: v.name,
      sections: v.sections.map((s, si) => ({ title: s.title, passMark: s.passMark, items: s.items.map((it, ii) => ({ id: `s${si + 1}i${ii + 1}`, text: it.text, weight: it.weight })) })),
    };
    return template ? update.mutateAsync({ id: template.id, body }) : create.mutateAsync(body);
  };
  const initial: Values = template
    ? { name: template.name, sections: template.sections.map((s) => ({ title: s.title, passMark: s.passMark, items: s.items.map((i) => ({ text: i.text, weight: i.weight })) })) }
    : EMPTY;
  return (
    <FormModal<Values>
      key={template?.id ?? 'new'}
      open={open}
      title={template ? tt.editTitle : tt.create}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
      width={760}
      testId="template-form"
      successText={template ? t.common.saved : t.common.created}
    >
      {(form) => (
        <>
          {template && <Alert type="info" showIcon title={tt.editHint} style={{ marginBottom: 12 }} />}
          <Flex gap={8} align="end">
            <Form.Item name="name" label={tt.name} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]} style={{ flex: 1 }}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item>
              <Button onClick={() => form.setFieldsValue(tt.sample)} data-testid="template-sample">
                {tt.fillSample}
              </Button>
            </Form.Item>
          </Flex>
          <Form.List name="sections">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card
                    key={f.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    data-testid="template-section"
                    title={tt.sectionN(i + 1)}
                    extra={
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)}>
                        {tt.remove}
                      </Button>
                    }
                  >
                    <Flex gap={8}>
                      <Form.Item name={[f.name, 'title']} label={tt.sectionTitle} rules={[{ required: true, whitespace: true, message: t.common.required }]} style={{ flex: 1 }}>
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'passMark']} label={tt.passMark} rules={[{ required: true, message: t.common.required }]}>
                        <InputNumber min={0} max={100} style={{ width: 110 }} />
                      </Form.Item>
                    </Flex>
                    <Items section={f.name} />
                  </Card>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ title: '', passMark: 80, items: [{ text: '', weight: 1 }] })} data-testid="add-section">
                  {tt.addSection}
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormModal>
  );
}
