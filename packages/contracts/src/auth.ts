/** Sign-in, sessions, accounts and the second factor. */
import { z } from 'zod';
import { type TPermission, ZPermission, ZRole } from './access.ts';
import { ZId, ZListQuery } from './common.ts';

export const ZLoginInput = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().trim().regex(/^\d{6}$/, 'totp_format').optional(),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZMe = z.object({
  accountId: ZId,
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  regionId: ZId,
  regionName: z.string(),
  institutionId: ZId.nullable(),
  institutionName: z.string().nullable(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  personId: ZId.nullable(),
  permissions: z.array(ZPermission),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
  locale: z.enum(['zh-CN', 'en-US']),
});
export type TMe = z.infer<typeof ZMe>;
export type { TPermission };

/** 10+ characters with at least two of: letters, digits, symbols. */
export const ZNewPassword = z
  .string()
  .min(10, 'password_min')
  .max(256)
  .refine((p) => [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(p)).length >= 2, 'password_classes');

export const ZPasswordChange = z.object({ currentPassword: z.string().min(1), newPassword: ZNewPassword });
export const ZTotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const ZTotpConfirm = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'totp_format') });
export const ZTotpDisable = z.object({ password: z.string().min(1) });
export const ZLocaleInput = z.object({ locale: z.enum(['zh-CN', 'en-US']) });

export const ZAccount = z.object({
  id: ZId,
  username: z.string(),
  role: ZRole,
  personId: ZId.nullable(),
  personName: z.string().nullable(),
  regionId: ZId,
  institutionId: ZId.nullable(),
  institutionName: z.string().nullable(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type TAccount = z.infer<typeof ZAccount>;
export const ZAccountInput = z.object({
  username: z.string().trim().min(3).max(64).regex(/^[a-zA-Z0-9_.-]+$/, 'username_chars'),
  role: ZRole,
  personId: ZId.nullish(),
  institutionId: ZId.nullish(),
  departmentId: ZId.nullish(),
  password: ZNewPassword,
});
export const ZAccountPatch = z.object({
  role: ZRole.optional(),
  active: z.boolean().optional(),
  unlock: z.boolean().optional(),
  resetTotp: z.boolean().optional(),
  departmentId: ZId.nullish(),
});
export const ZAccountReset = z.object({ password: ZNewPassword });
export const ZAccountListQuery = ZListQuery.extend({ institutionId: ZId.optional(), role: ZRole.optional() });
