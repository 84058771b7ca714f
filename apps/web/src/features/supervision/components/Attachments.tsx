/** Photos and evidence files: an upload field for forms (files go up as soon as they are picked) and links. */
import { CameraOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Image, Space, Tag, Upload, type UploadFile } from 'antd';
import { errorMessage } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { uploadAttachment, useAttachment } from '../api.ts';

/** Ids of the files that finished uploading. */
export const uploadedIds = (files: UploadFile[] | undefined) => (files ?? []).filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id);

/** Form control holding UploadFile[]; `photo` opens the camera on phones. */
export function FilesField({ value, onChange, photo, testId }: { value?: UploadFile[]; onChange?: (files: UploadFile[]) => void; photo?: boolean; testId?: string }) {
  const t = useT();
  return (
    <Upload
      fileList={value}
      multiple
      accept={photo ? 'image/*' : undefined}
      listType={photo ? 'picture' : 'text'}
      onChange={({ fileList }) => onChange?.(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadAttachment(file as File)
          .then((a) => onSuccess?.(a))
          .catch((e) => onError?.(Object.assign(new Error(errorMessage(e)), { status: 400 })));
      }}
    >
      <Button icon={photo ? <CameraOutlined /> : <UploadOutlined />} data-testid={testId}>
        {photo ? t.supervision.addPhoto : t.supervision.addFiles}
      </Button>
    </Upload>
  );
}

function AttachmentLink({ id }: { id: string }) {
  const { data } = useAttachment(id);
  return (
    <a href={`/api/attachments/${id}/download`} target="_blank" rel="noreferrer">
      <PaperClipOutlined /> {data?.filename ?? '…'}
    </a>
  );
}

/** Links to uploaded files (opened in a new tab; images and PDFs display inline). */
export function AttachmentLinks({ ids }: { ids: string[] }) {
  const t = useT();
  if (!ids.length) return <>{t.common.none}</>;
  return (
    <Space wrap size={12}>
      {ids.map((id) => (
        <AttachmentLink key={id} id={id} />
      ))}
    </Space>
  );
}

function KeptFile({ id, onRemove }: { id: string; onRemove: () => void }) {
  const { data } = useAttachment(id);
  return (
    <Tag closable onClose={onRemove} data-testid="kept-file">
      <a href={`/api/attachments/${id}/download`} target="_blank" rel="noreferrer">
        <PaperClipOutlined /> {data?.filename ?? '…'}
      </a>
    </Tag>
  );
}

/** Form control over files already attached (ids): each can be taken off before saving. */
export function KeptFilesField({ value, onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  if (!value?.length) return null;
  return (
    <Space wrap size={4} style={{ marginBottom: 8 }}>
      {value.map((id) => (
        <KeptFile key={id} id={id} onRemove={() => onChange?.(value.filter((x) => x !== id))} />
      ))}
    </Space>
  );
}

// rounds block: photos shown as thumbnails (other files as links)
function Photo({ id }: { id: string }) {
  const { data } = useAttachment(id);
  if (data && !data.mime.startsWith('image/')) return <AttachmentLink id={id} />;
  return <Image width={88} height={66} style={{ objectFit: 'cover', borderRadius: 4 }} src={`/api/attachments/${id}/download`} alt={data?.filename ?? ''} />;
}

/** Round and finding photos as a strip of thumbnails that open a preview. */
export function PhotoStrip({ ids, testId }: { ids: string[]; testId?: string }) {
  return (
    <Image.PreviewGroup>
      <Space wrap size={8} data-testid={testId}>
        {ids.map((id) => (
          <Photo key={id} id={id} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
