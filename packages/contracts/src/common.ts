/** Shapes shared by every list endpoint. */
import { z } from 'zod';

export const ZId = z.uuid();
export const ZIdParams = z.object({ id: ZId });

export const ZListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  q: z.string().trim().max(100).optional(),
  sort: z.string().max(40).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TListQuery = z.infer<typeof ZListQuery>;

/** A page of rows with the total count. */
export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
export type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

export const ZOk = z.object({ ok: z.literal(true) });

/** Query-string boolean: "true"/"1" → true, "false"/"0" → false. */
export const ZQueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
