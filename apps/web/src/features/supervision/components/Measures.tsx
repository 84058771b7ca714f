/** Control measures of a risk point: the table shown under an expanded row, and the add/edit dialog. */
import { PlusOutlined } from '@ant-design/icons';
import type { TRiskPoint } from '@qinglian/contracts';
import { App, Button, Col, DatePicker, Empty, Form, Input, Popconfirm, Row, Select, Space, Table, type TableColumnsType, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../../components/FormModal.tsx';
import { errorMessage, nullify } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { formatDate, fromIsoDate, toIsoDate } from '../../../lib/time.ts';
import { useDeleteMeasure, useSaveMeasure } from '../api.ts';
import { MeasureStatusTag, measureStatusKeys } from '../labels.tsx';
import { AttachmentLinks, FilesField, KeptFilesField, uploadedIds } from './Attachments.tsx';
import { PersonPicker } from './Pickers.tsx';

/** "删除" behind a confirmation; the server audits the deletion. */
function DeleteMeasure({ point, measure }: { point: TRiskPoint; measure: Measure }) {
  const t = useT();
  const tm = t.supervision.more.measure;
  const { message } = App.useApp();
  const del = useDeleteMeasure();
  return (
    <Popconfirm
      title={tm.deleteConfirm}
      okText={tm.delete}
      okButtonProps={{ danger: true }}
      cancelText={t.common.cancel}
      onConfirm={() =>
        del
          .mutateAsync({ pointId: point.id, measureId: measure.id })
          .then(() => message.success(tm.deleted))
          .catch((e) => message.error(errorMessage(e)))
      }
    >
      <Button type="link" size="small" danger loading={del.isPending} data-testid="measure-delete">
        {tm.delete}
      </Button>
    </Popconfirm>
  );
}

type Measure = TRiskPoint['measures'][number];
export type MeasureEditing = { point: TRiskPoint; measure?: Measure } | null;

export function MeasuresTable({ point, onEdit }: { point: TRiskPoint; onEdit?: (e: NonNullable<MeasureEditing>) => void }) {
  const t = useT();
  const tm = t.supervision.measure;
  const columns: TableColumnsType<Measure> = [
    { title: '#', key: 'n', width: 40, render: (_v, _r, i) => i + 1 },
    { title: tm.description, dataIndex: 'description', key: 'description' },
    { title: tm.owner, dataIndex: 'ownerName', key: 'owner', width: 110, render: (v: string | null) => v ?? t.common.none },
    { title: tm.status, dataIndex: 'status', key: 'status', width: 100, render: (v: Measure['status']) => <MeasureStatusTag status={v} /> },
    { title: tm.dueOn, dataIndex: 'dueOn', key: 'dueOn', width: 110, render: formatDate },
    {
      title: tm.evidence,
      dataIndex: 'evidence',
      key: 'evidence',
      render: (v: string | null, m) => (
        <div>
          <div>{v || t.common.none}</div>
          {m.attachmentIds.length > 0 && <AttachmentLinks ids={m.attachmentIds} />}
        </div>
      ),
    },
  ];
  if (onEdit)
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 130,
      className: 'ql-no-print',
      render: (_v, m) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onEdit({ point, measure: m })} data-testid="measure-edit">
            {t.common.edit}
          </Button>
          <DeleteMeasure point={point} measure={m} />
        </Space>
      ),
    });
  return (
    <div data-testid="measures" style={{ padding: '4px 0' }}>
      <Table<Measure>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={point.measures}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tm.none} /> }}
      />
      {onEdit && (
        <Button type="dashed" size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => onEdit({ point })} data-testid="measure-add">
          {tm.add}
        </Button>
      )}
    </div>
  );
}

export function MeasureForm({ editing, onClose }: { editing: MeasureEditing; onClose: () => void }) {
  const t = useT();
  const tm = t.supervision.measure;
  const save = useSaveMeasure();
  const m = editing?.measure;
  const initial = m ? { ...m, dueOn: fromIsoDate(m.dueOn) } : { status: 'planned', attachmentIds: [] };
  const submit = ({ dueOn, files, attachmentIds, ...rest }: Record<string, unknown>) =>
    save.mutateAsync({
      pointId: editing!.point.id,
      measureId: m?.id,
      values: nullify<Record<string, unknown>>(
        { ...rest, dueOn: toIsoDate(dueOn as Dayjs | null), attachmentIds: [...((attachmentIds as string[] | undefined) ?? []), ...uploadedIds(files as UploadFile[] | undefined)] },
        ['ownerId', 'dueOn', 'evidence'],
      ),
    });
  return (
    <FormModal open={editing !== null} title={m ? tm.edit : tm.add} initialValues={initial} onClose={onClose} onSubmit={submit} width={600} testId="measure-form">
      <Form.Item name="description" label={tm.description} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="ownerId" label={tm.owner}>
            <PersonPicker institutionId={editing?.point.institutionId} initial={m?.ownerId ? { id: m.ownerId, name: m.ownerName ?? '' } : null} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="status" label={tm.status}>
            <Select options={measureStatusKeys(t).map((s) => ({ value: s, label: t.supervision.measureStatuses[s] }))} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="dueOn" label={tm.dueOn}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="evidence" label={tm.evidence}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={tm.evidencePlaceholder} />
      </Form.Item>
      <Form.Item label={t.supervision.more.measure.files}>
        <Form.Item name="attachmentIds" noStyle>
          <KeptFilesField />
        </Form.Item>
        <Form.Item name="files" noStyle valuePropName="value">
          <FilesField testId="measure-files" />
        </Form.Item>
      </Form.Item>
    </FormModal>
  );
}
