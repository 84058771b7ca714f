/** /api/audit: the discipline office's view of the audit trail. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { ZAuditEntry, ZAuditQuery, ZAuditVerify, ZPage } from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import { buildXlsx, sendDownload, XLSX_MIME } from '../../platform/xlsx.ts';
import { formatShanghai } from '../../platform/time.ts';
import * as svc from './audit.service.ts';

const access = { permission: 'audit.read' } as const;

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: ZAuditQuery, response: { 200: ZPage(ZAuditEntry) } }, config: { access } }, (req) =>
    svc.listAudit(req.ctx, req.query),
  );
  app.get('/api/audit/verify', { schema: { tags: ['audit'], response: { 200: ZAuditVerify } }, config: { access } }, (req) => svc.verify(req.ctx));
  app.get('/api/audit/export', { schema: { tags: ['audit'], querystring: ZAuditQuery }, config: { access } }, async (req, reply) => {
    const rows = await svc.exportAudit(req.ctx, req.query);
    const buf = await buildXlsx(
      '审计日志',
      [
        { header: '序号', width: 8, value: (r) => r.seq },
        { header: '时间', width: 20, value: (r) => formatShanghai(r.at) },
        { header: '操作人', width: 20, value: (r) => r.actorName },
        { header: '操作', width: 24, value: (r) => r.action },
        { header: '对象类型', value: (r) => r.targetType },
        { header: '对象编号', width: 38, value: (r) => r.targetId },
        { header: '机构', width: 24, value: (r) => r.institutionName },
        { header: '变更前', width: 40, value: (r) => (r.before ? JSON.stringify(r.before) : '') },
        { header: '变更后', width: 40, value: (r) => (r.after ? JSON.stringify(r.after) : '') },
        { header: '请求号', width: 38, value: (r) => r.requestId },
      ],
      rows,
    );
    return sendDownload(reply, '审计日志.xlsx', XLSX_MIME, buf);
  });
}
