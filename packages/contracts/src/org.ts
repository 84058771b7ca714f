/** Organisation: regions, institutions, departments, party branches, people and posts. */
import { z } from 'zod';
import { ZId, ZListQuery, ZQueryBool } from './common.ts';
import { isValidNationalId } from './idcodes.ts';

export const INSTITUTION_LEVELS = ['tertiary', 'secondary', 'primary'] as const;
export const ZInstitutionLevel = z.enum(INSTITUTION_LEVELS);
export const INSTITUTION_KINDS = ['general', 'tcm', 'maternal_child', 'specialist', 'primary'] as const;
export const ZInstitutionKind = z.enum(INSTITUTION_KINDS);
export const CADRE_LEVELS = ['none', 'middle', 'leader'] as const;
export const ZCadreLevel = z.enum(CADRE_LEVELS);

const code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'code_chars');
const name = z.string().trim().min(1).max(100);
const optText = z.string().trim().max(100).nullish();

export const ZRegion = z.object({ id: ZId, code: z.string(), name: z.string(), active: z.boolean() });
export type TRegion = z.infer<typeof ZRegion>;
export const ZRegionInput = z.object({ code, name });
export const ZRegionPatch = ZRegionInput.partial().extend({ active: z.boolean().optional() });
export const ZRegionListQuery = ZListQuery.extend({ active: ZQueryBool.optional() });
export type TRegionListQuery = z.infer<typeof ZRegionListQuery>;

export const ZInstitution = z.object({
  id: ZId,
  regionId: ZId,
  regionName: z.string().optional(),
  code: z.string(),
  name: z.string(),
  level: ZInstitutionLevel,
  kind: ZInstitutionKind,
  requireTotpForDiscipline: z.boolean(),
  active: z.boolean(),
  departmentCount: z.number().int().optional(),
  staffCount: z.number().int().optional(),
});
export type TInstitution = z.infer<typeof ZInstitution>;
export const ZInstitutionInput = z.object({
  regionId: ZId,
  code,
  name,
  level: ZInstitutionLevel,
  kind: ZInstitutionKind,
  requireTotpForDiscipline: z.boolean().default(false),
});
export type TInstitutionInput = z.infer<typeof ZInstitutionInput>;
// zod 4 applies a field's default inside .partial(), so defaulted fields are re-declared optional: a patch
// that leaves them out must leave them alone.
export const ZInstitutionPatch = ZInstitutionInput.omit({ regionId: true, requireTotpForDiscipline: true })
  .partial()
  .extend({ requireTotpForDiscipline: z.boolean().optional(), active: z.boolean().optional() });
export type TInstitutionPatch = z.infer<typeof ZInstitutionPatch>;

export const ZOrgListQuery = ZListQuery.extend({
  institutionId: ZId.optional(),
  departmentId: ZId.optional(),
  active: ZQueryBool.optional(),
});
export type TOrgListQuery = z.infer<typeof ZOrgListQuery>;

export const ZDepartment = z.object({
  id: ZId,
  institutionId: ZId,
  institutionName: z.string().optional(),
  code: z.string(),
  name: z.string(),
  clinical: z.boolean(),
  active: z.boolean(),
  staffCount: z.number().int().optional(),
});
export type TDepartment = z.infer<typeof ZDepartment>;
export const ZDepartmentInput = z.object({ institutionId: ZId, code, name, clinical: z.boolean() });
export type TDepartmentInput = z.infer<typeof ZDepartmentInput>;
export const ZDepartmentPatch = ZDepartmentInput.omit({ institutionId: true }).partial().extend({ active: z.boolean().optional() });
export type TDepartmentPatch = z.infer<typeof ZDepartmentPatch>;

export const ZBranch = z.object({
  id: ZId,
  institutionId: ZId,
  institutionName: z.string().optional(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable().optional(),
  name: z.string(),
  secretaryId: ZId.nullable(),
  secretaryName: z.string().nullable().optional(),
  inspectorId: ZId.nullable(),
  inspectorName: z.string().nullable().optional(),
  active: z.boolean(),
});
export type TBranch = z.infer<typeof ZBranch>;
export const ZBranchInput = z.object({
  institutionId: ZId,
  departmentId: ZId.nullish(),
  name,
  secretaryId: ZId.nullish(),
  inspectorId: ZId.nullish(),
});
export const ZBranchPatch = ZBranchInput.omit({ institutionId: true }).partial().extend({ active: z.boolean().optional() });
export type TBranchInput = z.infer<typeof ZBranchInput>;
export type TBranchPatch = z.infer<typeof ZBranchPatch>;

const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'phone_format')
  .nullish()
  .or(z.literal('').transform(() => null));
const nationalId = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidNationalId, 'national_id_invalid')
  .nullish()
  .or(z.literal('').transform(() => null));

export const ZPerson = z.object({
  id: ZId,
  institutionId: ZId,
  institutionName: z.string().optional(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable().optional(),
  staffNo: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  specialty: z.string().nullable(),
  phone: z.string().nullable(),
  nationalIdMasked: z.string().nullable(),
  active: z.boolean(),
});
export type TPerson = z.infer<typeof ZPerson>;
export const ZPersonInput = z.object({
  institutionId: ZId,
  departmentId: ZId.nullish(),
  staffNo: code,
  name: z.string().trim().min(1).max(50),
  title: optText,
  specialty: optText,
  phone,
  nationalId,
});
export type TPersonInput = z.infer<typeof ZPersonInput>;
export const ZPersonPatch = ZPersonInput.omit({ institutionId: true }).partial().extend({ active: z.boolean().optional() });
export type TPersonPatch = z.infer<typeof ZPersonPatch>;
export const ZRevealReason = z.object({ reason: z.string().trim().min(2).max(200) });
/** The unmasked national ID number, returned only with a stated (and audited) reason. */
export const ZNationalIdReveal = z.object({ nationalId: z.string().nullable() });

export const ZPost = z.object({
  id: ZId,
  institutionId: ZId,
  personId: ZId,
  personName: z.string().optional(),
  personStaffNo: z.string().optional(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable().optional(),
  name: z.string(),
  cadreLevel: ZCadreLevel,
  keyPost: z.boolean(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  active: z.boolean(),
});
export type TPost = z.infer<typeof ZPost>;
const date = z.iso.date().nullish();
export const ZPostInput = z.object({
  personId: ZId,
  departmentId: ZId.nullish(),
  name,
  cadreLevel: ZCadreLevel.default('none'),
  keyPost: z.boolean().default(false),
  startedOn: date,
  endedOn: date,
});
export const ZPostPatch = ZPostInput.omit({ personId: true, cadreLevel: true, keyPost: true })
  .partial()
  .extend({ cadreLevel: ZCadreLevel.optional(), keyPost: z.boolean().optional(), active: z.boolean().optional() });
export type TPostInput = z.infer<typeof ZPostInput>;
export type TPostPatch = z.infer<typeof ZPostPatch>;
export const ZPostListQuery = ZOrgListQuery.extend({
  personId: ZId.optional(),
  cadreLevel: ZCadreLevel.optional(),
  keyPost: ZQueryBool.optional(),
});
export type TPostListQuery = z.infer<typeof ZPostListQuery>;

export const ZImportTemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
/** Details of a rejected import (error code import_failed): every problem, row 1 being the header. */
export const ZImportErrors = z.object({ errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })) });

/** Result of a staff import: either all rows imported or none, with every problem listed. */
export const ZImportResult = z.object({
  ok: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type TImportResult = z.infer<typeof ZImportResult>;
