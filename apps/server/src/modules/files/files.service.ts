/**
 * Attachments: the type is decided from the bytes (magic numbers), never from the file name or the
 * browser's claim; every download checks the caller's scope.
 */
import type { TAttachment } from '@qinglian/contracts';
import { eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { inScope, scopeOf } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { getBlob, putBlob } from '../../platform/blobs.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { attachments } from '../../platform/platform.tables.ts';

/** Types accepted by content: images from phones, PDFs, office documents; plain UTF-8 text as CSV. */
const ALLOWED = new Map<string, string>([
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/heic', 'heic'],
  ['image/heif', 'heif'],
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
]);

/** The MIME type of the bytes, or a 415 naming what was found. */
export async function detectType(data: Buffer): Promise<string> {
  const ft = await fileTypeFromBuffer(data);
  if (ft && ALLOWED.has(ft.mime)) return ft.mime;
  if (!ft && isUtf8Text(data)) return 'text/csv';
  throw new AppError('file_type_not_allowed', 'file_type_not_allowed', { detected: ft?.mime ?? 'binary' }, { type: ft?.mime ?? 'binary' });
}

function isUtf8Text(data: Buffer): boolean {
  if (data.length === 0 || data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

type Row = typeof attachments.$inferSelect;
const present = (r: Row): TAttachment => ({
  id: r.id,
  institutionId: r.institutionId,
  sha256: r.sha256,
  size: r.size,
  mime: r.mime,
  filename: r.filename,
  createdAt: r.createdAt.toISOString(),
});

/** Stores an upload for the caller's institution and records it. */
export async function uploadAttachment(ctx: Ctx, filename: string, data: Buffer): Promise<TAttachment> {
  const actor = actorOf(ctx);
  if (data.length > ctx.platform.config.maxUploadBytes)
    throw new AppError('file_too_large', 'file_too_large', undefined, { max: ctx.platform.config.maxUploadBytes / 1048576 });
  const mime = await detectType(data);
  const hash = await putBlob(ctx.platform.config.dataDir, data);
  const safeName = filename.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
  return inTx(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(attachments)
      .values({
        regionId: actor.regionId,
        institutionId: actor.institutionId,
        departmentId: actor.departmentId,
        uploadedBy: actor.accountId,
        uploaderPersonId: actor.personId,
        sha256: hash,
        size: data.length,
        mime,
        filename: safeName,
        createdAt: ctx.platform.now(),
      })
      .returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'attachment.upload', targetType: 'attachment', targetId: row!.id, institutionId: actor.institutionId, after: present(row!) });
    return present(row!);
  });
}

/** An attachment the caller may see: within scope, or uploaded by the caller; otherwise 404. */
async function visible(ctx: Ctx, id: string): Promise<Row> {
  const actor = actorOf(ctx);
  const [row] = await ctx.db.select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw notFound('attachment');
  if (row.uploadedBy === actor.accountId) return row;
  const level = scopeOf(actor);
  const ok =
    level === 'region'
      ? row.regionId === actor.regionId
      : level !== 'self' && inScope(actor, { institutionId: row.institutionId, ...(level === 'department' ? { departmentId: row.departmentId } : {}) });
  if (!ok) throw notFound('attachment');
  return row;
}

/** Metadata of one attachment. */
export const getAttachment = async (ctx: Ctx, id: string) => present(await visible(ctx, id));

/** The bytes of one attachment, after the scope check. */
export async function downloadAttachment(ctx: Ctx, id: string) {
  const row = await visible(ctx, id);
  return { meta: present(row), data: await getBlob(ctx.platform.config.dataDir, row.sha256) };
}
