/** Status tag and the confirmed 停用/启用 action shared by every list. */
import { App, Button, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../lib/forms.ts';
import { useT } from '../lib/i18n/index.tsx';

/** 在用 / 已停用 */
export function ActiveTag({ active }: { active: boolean }) {
  const t = useT();
  return active ? <Tag color="green">{t.common.active}</Tag> : <Tag>{t.common.inactive}</Tag>;
}

interface ToggleProps {
  active: boolean;
  onChange: (active: boolean) => Promise<unknown>;
  /** Overrides the default question. */
  confirm?: string;
  labels?: { on: string; off: string };
  testId?: string;
}

/** Asks before deactivating or reactivating, then reports the outcome. */
export function ActiveToggle({ active, onChange, confirm, labels, testId }: ToggleProps) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onChange(!active);
      message.success(active ? t.common.deactivated : t.common.reactivated);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm
      title={confirm ?? (active ? t.common.deactivateConfirm : t.common.reactivateConfirm)}
      okText={t.common.ok}
      cancelText={t.common.cancel}
      okButtonProps={{ danger: active }}
      onConfirm={run}
    >
      <Button type="link" size="small" danger={active} loading={busy} data-testid={testId}>
        {active ? (labels?.off ?? t.common.deactivate) : (labels?.on ?? t.common.reactivate)}
      </Button>
    </Popconfirm>
  );
}
