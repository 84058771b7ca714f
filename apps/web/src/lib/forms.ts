/** Puts the server's field issues onto an antd form, so the user sees each problem beside its field. */
import type { FormInstance } from 'antd';
import { ApiError } from './api.ts';
import { currentDict } from './i18n/current.ts';

/**
 * Marks each issue whose field is in the form; returns the message to show above the form for
 * everything else (null when every problem sits on a field).
 */
export function applyFormErrors(form: FormInstance, err: unknown): string | null {
  if (!(err instanceof ApiError)) return currentDict().common.unexpected;
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const issue of err.issues) {
    const field = issue.field.replace(/^body\./, '');
    if (registered.has(field)) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    else rest.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: field.split('.'), errors })));
  if (byField.size > 0 && rest.length === 0) return null;
  return rest.length > 0 && byField.size > 0 ? rest.join('；') : err.message;
}

/** The user-facing message of any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : currentDict().common.unexpected;
}

/** Cleared optional pickers give undefined; the API needs null to clear a field on update. */
export function nullify<T extends Record<string, unknown>>(values: T, keys: (keyof T)[]): T {
  const out = { ...values };
  for (const k of keys) if (out[k] === undefined || out[k] === '') out[k] = null as T[keyof T];
  return out;
}
