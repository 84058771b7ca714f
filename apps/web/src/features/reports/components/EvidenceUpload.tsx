/** Files for a note or evidence, uploaded as soon as they are picked (POST /api/attachments). */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { errorMessage } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { uploadAttachment } from '../api.ts';

/** Ids of the files that finished uploading. */
export const uploadedIds = (files: UploadFile[] | undefined) => (files ?? []).filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id);

export function EvidenceUpload({ value, onChange }: { value?: UploadFile[]; onChange?: (files: UploadFile[]) => void }) {
  const t = useT();
  return (
    <Upload
      fileList={value}
      multiple
      onChange={({ fileList }) => onChange?.(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadAttachment(file as File)
          .then((a) => onSuccess?.(a))
          .catch((e) => onError?.(Object.assign(new Error(errorMessage(e)), { status: 400 })));
      }}
    >
      <Button icon={<UploadOutlined />} data-testid="evidence-upload">
        {t.reports.addFiles}
      </Button>
    </Upload>
  );
}
