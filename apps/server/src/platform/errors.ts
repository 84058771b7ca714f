/** The one error type of the platform; the HTTP layer turns it into { error: { code, message, details } }. */
import type { TErrorCode, TFieldIssue } from '@qinglian/contracts';

const STATUS: Record<TErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  csrf_failed: 403,
  invalid_credentials: 401,
  account_locked: 423,
  totp_required: 401,
  totp_invalid: 401,
  totp_setup_required: 403,
  password_too_weak: 400,
  file_too_large: 413,
  file_type_not_allowed: 415,
  import_failed: 422,
  rate_limited: 429,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: TErrorCode,
    /** i18n key of the message; defaults to the code. */
    readonly messageKey: string = code,
    readonly details?: unknown,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.status = STATUS[code];
  }
}

export const notFound = (what = 'record') => new AppError('not_found', 'not_found', { target: what });
export const forbidden = () => new AppError('forbidden');
export const conflict = (field: string, reason = 'duplicate') =>
  new AppError('conflict', `conflict.${reason}`, { issues: [{ field, message: reason }] });
/** A 400 naming one field and why it is wrong. */
export const invalid = (field: string, reason: string) =>
  new AppError('validation_failed', 'validation_failed', { issues: [{ field, message: reason }] satisfies TFieldIssue[] });
