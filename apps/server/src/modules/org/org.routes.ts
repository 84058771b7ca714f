/** /api/org: regions, institutions, departments, party branches, people and posts; exports and the staff import. */
import {
  ZBranch,
  ZBranchInput,
  ZBranchPatch,
  ZDepartment,
  ZDepartmentInput,
  ZDepartmentPatch,
  ZIdParams,
  ZImportResult,
  ZImportTemplateQuery,
  ZInstitution,
  ZInstitutionInput,
  ZInstitutionPatch,
  ZNationalIdReveal,
  ZOrgListQuery,
  ZPage,
  ZPerson,
  ZPersonInput,
  ZPersonPatch,
  ZPost,
  ZPostInput,
  ZPostListQuery,
  ZPostPatch,
  ZRegion,
  ZRegionInput,
  ZRegionListQuery,
  ZRegionPatch,
  ZRevealReason,
  type TPermission,
} from '@qinglian/contracts';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../../platform/errors.ts';
import { sendDownload, XLSX_MIME } from '../../platform/xlsx.ts';
import * as branches from './branches.service.ts';
import * as depts from './departments.service.ts';
import * as insts from './institutions.service.ts';
import { EXPORT_NAMES, exporters } from './org.export.ts';
import { importPeople } from './org.import.ts';
import { staffTemplate } from './org.template.ts';
import * as people from './people.service.ts';
import * as posts from './posts.service.ts';
import * as regions from './regions.service.ts';

const tags = ['org'];
const can = (permission: TPermission) => ({ access: { permission } });

/** Today in Asia/Shanghai, for export file names. */
const today = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d);

async function download(req: FastifyRequest, reply: FastifyReply, kind: keyof typeof EXPORT_NAMES, body: Buffer) {
  return sendDownload(reply, `${EXPORT_NAMES[kind]}_${today(req.ctx.platform.now())}.xlsx`, XLSX_MIME, body);
}

/** Reads the multipart staff upload: the `institutionId` field and the file, in either order. */
async function readUpload(req: FastifyRequest): Promise<{ institutionId?: string; file: Buffer }> {
  if (!req.isMultipart()) throw invalid('file', 'required');
  let institutionId: string | undefined;
  let file: Buffer | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') file = await part.toBuffer();
    else if (part.fieldname === 'institutionId' && typeof part.value === 'string') institutionId = part.value.trim() || undefined;
  }
  if (!file) throw invalid('file', 'required');
  if (institutionId && !/^[0-9a-f-]{36}$/i.test(institutionId)) throw invalid('institutionId', 'invalid_format');
  return { institutionId, file };
}

export async function orgRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const region = { resource: 'region' } as const;
  const institution = { resource: 'institution' } as const;
  const department = { resource: 'department' } as const;
  const branch = { resource: 'branch' } as const;
  const person = { resource: 'person' } as const;
  const post = { resource: 'post' } as const;

  app.get('/api/org/regions', { schema: { tags, querystring: ZRegionListQuery, response: { 200: ZPage(ZRegion) } }, config: can('region.read') }, (req) =>
    regions.listRegions(req.ctx, req.query),
  );
  app.post('/api/org/regions', { schema: { tags, body: ZRegionInput, response: { 200: ZRegion } }, config: can('region.write') }, (req) =>
    regions.createRegion(req.ctx, req.body),
  );
  app.patch(
    '/api/org/regions/:id',
    { schema: { tags, params: ZIdParams, body: ZRegionPatch, response: { 200: ZRegion } }, config: { ...can('region.write'), ...region } },
    (req) => regions.updateRegion(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/org/institutions',
    { schema: { tags, querystring: ZOrgListQuery, response: { 200: ZPage(ZInstitution) } }, config: can('institution.read') },
    (req) => insts.listInstitutions(req.ctx, req.query),
  );
  app.get('/api/org/institutions/export', { schema: { tags, querystring: ZOrgListQuery }, config: can('institution.read') }, async (req, reply) =>
    download(req, reply, 'institutions', await exporters.institutions(await insts.exportInstitutions(req.ctx, req.query))),
  );
  app.post('/api/org/institutions', { schema: { tags, body: ZInstitutionInput, response: { 200: ZInstitution } }, config: can('institution.write') }, (req) =>
    insts.createInstitution(req.ctx, req.body),
  );
  app.get(
    '/api/org/institutions/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZInstitution } }, config: { ...can('institution.read'), ...institution } },
    (req) => insts.getInstitution(req.ctx, req.params.id),
  );
  app.patch(
    '/api/org/institutions/:id',
    { schema: { tags, params: ZIdParams, body: ZInstitutionPatch, response: { 200: ZInstitution } }, config: { ...can('institution.write'), ...institution } },
    (req) => insts.updateInstitution(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/org/departments',
    { schema: { tags, querystring: ZOrgListQuery, response: { 200: ZPage(ZDepartment) } }, config: can('department.read') },
    (req) => depts.listDepartments(req.ctx, req.query),
  );
  app.get('/api/org/departments/export', { schema: { tags, querystring: ZOrgListQuery }, config: can('department.read') }, async (req, reply) =>
    download(req, reply, 'departments', await exporters.departments(await depts.exportDepartments(req.ctx, req.query))),
  );
  app.post('/api/org/departments', { schema: { tags, body: ZDepartmentInput, response: { 200: ZDepartment } }, config: can('department.write') }, (req) =>
    depts.createDepartment(req.ctx, req.body),
  );
  app.get(
    '/api/org/departments/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZDepartment } }, config: { ...can('department.read'), ...department } },
    (req) => depts.getDepartment(req.ctx, req.params.id),
  );
  app.patch(
    '/api/org/departments/:id',
    { schema: { tags, params: ZIdParams, body: ZDepartmentPatch, response: { 200: ZDepartment } }, config: { ...can('department.write'), ...department } },
    (req) => depts.updateDepartment(req.ctx, req.params.id, req.body),
  );

  app.get('/api/org/branches', { schema: { tags, querystring: ZOrgListQuery, response: { 200: ZPage(ZBranch) } }, config: can('branch.read') }, (req) =>
    branches.listBranches(req.ctx, req.query),
  );
  app.post('/api/org/branches', { schema: { tags, body: ZBranchInput, response: { 200: ZBranch } }, config: can('branch.write') }, (req) =>
    branches.createBranch(req.ctx, req.body),
  );
  app.get(
    '/api/org/branches/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZBranch } }, config: { ...can('branch.read'), ...branch } },
    (req) => branches.getBranch(req.ctx, req.params.id),
  );
  app.patch(
    '/api/org/branches/:id',
    { schema: { tags, params: ZIdParams, body: ZBranchPatch, response: { 200: ZBranch } }, config: { ...can('branch.write'), ...branch } },
    (req) => branches.updateBranch(req.ctx, req.params.id, req.body),
  );

  app.get('/api/org/people', { schema: { tags, querystring: ZOrgListQuery, response: { 200: ZPage(ZPerson) } }, config: can('person.read') }, (req) =>
    people.listPeople(req.ctx, req.query),
  );
  app.get('/api/org/people/export', { schema: { tags, querystring: ZOrgListQuery }, config: can('person.read') }, async (req, reply) =>
    download(req, reply, 'people', await exporters.people(await people.exportPeople(req.ctx, req.query))),
  );
  app.get(
    '/api/org/people/import-template',
    { schema: { tags, summary: 'Staff import template (Chinese headers)', querystring: ZImportTemplateQuery }, config: can('person.import') },
    async (req, reply) => {
      const t = await staffTemplate(req.query.format);
      return sendDownload(reply, t.filename, t.mime, t.body);
    },
  );
  app.post(
    '/api/org/people/import',
    {
      schema: { tags, summary: 'Staff import (multipart: institutionId, file); all rows or none', consumes: ['multipart/form-data'], response: { 200: ZImportResult } },
      config: can('person.import'),
    },
    async (req) => {
      const { institutionId, file } = await readUpload(req);
      return importPeople(req.ctx, institutionId, file);
    },
  );
  app.post('/api/org/people', { schema: { tags, body: ZPersonInput, response: { 200: ZPerson } }, config: can('person.write') }, (req) =>
    people.createPerson(req.ctx, req.body),
  );
  app.get(
    '/api/org/people/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZPerson } }, config: { ...can('person.read'), ...person } },
    (req) => people.getPerson(req.ctx, req.params.id),
  );
  app.patch(
    '/api/org/people/:id',
    { schema: { tags, params: ZIdParams, body: ZPersonPatch, response: { 200: ZPerson } }, config: { ...can('person.write'), ...person } },
    (req) => people.updatePerson(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/org/people/:id/national-id',
    {
      schema: { tags, summary: 'Reveal the full national ID number (audited, with a reason)', params: ZIdParams, body: ZRevealReason, response: { 200: ZNationalIdReveal } },
      config: { ...can('person.read_sensitive'), ...person },
    },
    (req) => people.revealNationalId(req.ctx, req.params.id, req.body.reason),
  );

  app.get('/api/org/posts', { schema: { tags, querystring: ZPostListQuery, response: { 200: ZPage(ZPost) } }, config: can('post.read') }, (req) =>
    posts.listPosts(req.ctx, req.query),
  );
  app.get('/api/org/posts/export', { schema: { tags, querystring: ZPostListQuery }, config: can('post.read') }, async (req, reply) =>
    download(req, reply, 'posts', await exporters.posts(await posts.exportPosts(req.ctx, req.query))),
  );
  app.post('/api/org/posts', { schema: { tags, body: ZPostInput, response: { 200: ZPost } }, config: can('post.write') }, (req) =>
    posts.createPost(req.ctx, req.body),
  );
  app.get('/api/org/posts/:id', { schema: { tags, params: ZIdParams, response: { 200: ZPost } }, config: { ...can('post.read'), ...post } }, (req) =>
    posts.getPost(req.ctx, req.params.id),
  );
  app.patch(
    '/api/org/posts/:id',
    { schema: { tags, params: ZIdParams, body: ZPostPatch, response: { 200: ZPost } }, config: { ...can('post.write'), ...post } },
    (req) => posts.updatePost(req.ctx, req.params.id, req.body),
  );
}
