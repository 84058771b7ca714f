/** The hash-chained audit trail. */
import { z } from 'zod';
import { ZId, ZListQuery } from './common.ts';

export const ZAuditEntry = z.object({
  id: z.number().int(),
  /** Position in the hash chain; null for the few hundred milliseconds until the entry is sealed. */
  seq: z.number().int().nullable(),
  at: z.string(),
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  institutionId: ZId.nullable(),
  institutionName: z.string().nullable().optional(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  hash: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditQuery = ZListQuery.extend({
  action: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  actorId: ZId.optional(),
  institutionId: ZId.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
export const ZAuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  unsealed: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});
export type TAuditVerify = z.infer<typeof ZAuditVerify>;
