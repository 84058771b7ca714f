/** Audit filters: readable action names and the action and free-text pickers. */
import { AutoComplete, Input } from 'antd';
import { useEffect, useState } from 'react';
import { type Dict, useT } from '../../../lib/i18n/index.tsx';

/** "person.update" → "人员 · 修改"; unknown parts are shown as they are. */
export function actionLabel(t: Dict, action: string): string {
  const [target = '', ...rest] = action.split('.');
  const verb = rest.join('.');
  const tl = t.audit.targets[target] ?? target;
  return verb ? `${tl} · ${t.audit.verbs[verb] ?? verb}` : tl;
}

/** A text filter applied on Enter (the server matches exactly). */
export function TextFilter({ value, onChange, placeholder, width }: { value?: string; onChange: (v?: string) => void; placeholder: string; width: number }) {
  return (
    <Input.Search
      aria-label={placeholder}
      placeholder={placeholder}
      allowClear
      defaultValue={value}
      key={value ?? ''}
      onSearch={(v) => onChange(v.trim() || undefined)}
      style={{ width }}
    />
  );
}

// Actions the server records today; the filter also accepts any other exact action name.
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.password_changed',
  'auth.totp_enabled',
  'auth.totp_disabled',
  'account.create',
  'account.update',
  'account.reset_password',
  'region.create',
  'region.update',
  'institution.create',
  'institution.update',
  'institution.import',
  'department.create',
  'department.update',
  'department.import',
  'branch.create',
  'branch.update',
  'person.create',
  'person.update',
  'person.import',
  'person.national_id_read',
  'post.create',
  'post.update',
  'attachment.upload',
];

/** The action filter: suggestions with readable names, any exact action name accepted. */
export function ActionFilter({ value, onChange }: { value?: string; onChange: (v?: string) => void }) {
  const t = useT();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const options = KNOWN_ACTIONS.filter((a) => !text || a.includes(text) || actionLabel(t, a).includes(text)).map((a) => ({
    value: a,
    label: t.common.withNote(actionLabel(t, a), a),
  }));
  return (
    <AutoComplete
      aria-label={t.audit.action}
      placeholder={t.audit.actionPlaceholder}
      allowClear
      value={text}
      options={options}
      style={{ width: 240 }}
      popupMatchSelectWidth={360}
      onChange={(v) => {
        setText(v ?? '');
        if (!v) onChange(undefined);
      }}
      onSelect={(v: string) => onChange(v)}
      onBlur={() => onChange(text.trim() || undefined)}
      data-testid="filter-action"
    />
  );
}
