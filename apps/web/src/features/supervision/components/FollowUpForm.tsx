/** "登记跟进完成": the date and outcome of a talk's follow-up; once recorded, its reminders stop. */
import type { TTalk } from '@qinglian/contracts';
import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { fromIsoDate, nowInChina, toIsoDate } from '../../../lib/time.ts';
import { useRecordFollowUp } from '../api.ts';

export function FollowUpForm({ talk, onClose }: { talk: TTalk | null; onClose: () => void }) {
  const t = useT();
  const tm = t.supervision.more.talk;
  const record = useRecordFollowUp();
  const submit = ({ doneOn, result }: { doneOn: Dayjs; result: string }) => record.mutateAsync({ id: talk!.id, values: { doneOn: toIsoDate(doneOn)!, result } });
  const talkedOn = fromIsoDate(talk?.talkedOn);
  return (
    <FormModal open={talk !== null} title={tm.followUpDone} initialValues={{ doneOn: nowInChina() }} onClose={onClose} onSubmit={submit} width={560} testId="follow-up-form" successText={tm.followUpRecorded}>
      <Form.Item name="doneOn" label={tm.followUpDoneOn} rules={[{ required: true, message: t.common.required }]}>
        <DatePicker style={{ width: 200 }} disabledDate={(d) => (talkedOn ? d.isBefore(talkedOn, 'day') : false) || d.isAfter(nowInChina(), 'day')} />
      </Form.Item>
      <Form.Item name="result" label={tm.followUpResult} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={tm.followUpResultPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}

/** The state of a talk's follow-up as a short tag-like text. */
export function followUpState(talk: TTalk): 'none' | 'done' | 'overdue' | 'pending' {
  if (!talk.followUp && !talk.followUpDue) return 'none';
  if (talk.followUpDoneOn) return 'done';
  return talk.followUpOverdue ? 'overdue' : 'pending';
}
