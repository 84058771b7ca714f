/** 校验审计链: recomputes the hash chain and reports edited, inserted or deleted entries. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Modal, Result, Table } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useVerifyAudit } from '../api.ts';

/** Runs the chain check and shows its result. */
export function VerifyButton() {
  const t = useT();
  const ta = t.audit;
  const verify = useVerifyAudit();
  const [open, setOpen] = useState(false);
  const run = () => {
    setOpen(true);
    verify.mutate();
  };
  const r = verify.data;
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={run} loading={verify.isPending} data-testid="audit-verify">
        {ta.verify}
      </Button>
      <Modal
        open={open && !verify.isPending}
        title={ta.verify}
        onCancel={() => setOpen(false)}
        footer={
          <Button type="primary" onClick={() => setOpen(false)}>
            {t.common.close}
          </Button>
        }
        width={640}
      >
        <div data-testid="audit-verify-result">
          {verify.error ? (
            <Result status="error" title={errorMessage(verify.error)} />
          ) : r?.ok ? (
            <Result status="success" title={ta.verifyOk} subTitle={ta.verifyOkBody(r.checked)} />
          ) : r ? (
            <>
              <Result status="error" title={ta.verifyBad} subTitle={ta.verifyBadBody(r.checked, r.problems.length)} />
              <Table
                size="small"
                rowKey={(p) => `${p.seq}-${p.problem}`}
                dataSource={r.problems}
                pagination={r.problems.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: ta.seq, dataIndex: 'seq', key: 'seq', width: 100 },
                  { title: ta.problem, dataIndex: 'problem', key: 'problem' },
                ]}
              />
            </>
          ) : null}
        </div>
      </Modal>
    </>
  );
}
