/** Stable error codes of the API; the body is always { error: { code, message, details } }. */
import { z } from 'zod';

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'csrf_failed',
  'invalid_credentials',
  'account_locked',
  'totp_required',
  'totp_invalid',
  'totp_setup_required',
  'password_too_weak',
  'file_too_large',
  'file_type_not_allowed',
  'import_failed',
  'rate_limited',
  'internal',
] as const;
export const ZErrorCode = z.enum(ERROR_CODES);
export type TErrorCode = z.infer<typeof ZErrorCode>;

export const ZFieldIssue = z.object({
  field: z.string(),
  message: z.string(),
  row: z.number().int().optional(),
  value: z.string().optional(),
});
export type TFieldIssue = z.infer<typeof ZFieldIssue>;

export const ZErrorBody = z.object({
  error: z.object({
    code: ZErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;
