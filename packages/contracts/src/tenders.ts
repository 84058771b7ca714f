/** Tender processes (OCDS), their red flags, imports and the region-wide comparison of buyers. */
import { z } from 'zod';
import { ZId, ZListQuery, ZQueryBool } from './common.ts';

/** cardinal's eleven indicators, then the hospital flags. */
export const TENDER_FLAG_CODES = ['R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R048', 'R058', 'H01', 'H02', 'H03'] as const;
export const ZTenderFlagCode = z.enum(TENDER_FLAG_CODES);
export type TTenderFlagCode = z.infer<typeof ZTenderFlagCode>;
export const TENDER_FLAG_SUBJECTS = ['process', 'buyer', 'procuring_entity', 'tenderer'] as const;

/** Exact decimal yuan as a string ("123456.78"); money is never a float. */
const ZMoney = z.string().regex(/^-?\d+\.\d{2}$/);

export const ZTenderFlagBrief = z.object({ code: ZTenderFlagCode, title: z.string(), subject: z.enum(TENDER_FLAG_SUBJECTS), subjectId: z.string() });
export type TTenderFlagBrief = z.infer<typeof ZTenderFlagBrief>;

/** A flag with its reasoning in the caller's language (Chinese first). */
export const ZTenderFlag = ZTenderFlagBrief.extend({
  /** The indicator's output: a ratio, a count or 1; null when not finite. */
  value: z.number().nullable(),
  reason: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
});
export type TTenderFlag = z.infer<typeof ZTenderFlag>;

export const ZTenderProcess = z.object({
  id: ZId,
  regionId: ZId,
  institutionId: ZId.nullable(),
  institutionName: z.string().nullable(),
  ocid: z.string(),
  title: z.string().nullable(),
  buyerId: z.string().nullable(),
  buyerName: z.string().nullable(),
  procuringEntityName: z.string().nullable(),
  procurementMethod: z.string().nullable(),
  procurementMethodDetails: z.string().nullable(),
  tenderStatus: z.string().nullable(),
  tenderStart: z.string().nullable(),
  tenderEnd: z.string().nullable(),
  tenderValue: ZMoney.nullable(),
  tenderCurrency: z.string().nullable(),
  awardedValue: ZMoney.nullable(),
  awardedCurrency: z.string().nullable(),
  awardDate: z.string().nullable(),
  suppliers: z.string().nullable(),
  bidCount: z.number().int(),
  flags: z.array(ZTenderFlagBrief),
});
export type TTenderProcess = z.infer<typeof ZTenderProcess>;

const ZParty = z.object({ id: z.string().nullable(), name: z.string().nullable() });

export const ZTenderBid = z.object({
  id: z.string().nullable(),
  status: z.string().nullable(),
  date: z.string().nullable(),
  tenderers: z.array(ZParty),
  amount: ZMoney.nullable(),
  currency: z.string().nullable(),
});
export type TTenderBid = z.infer<typeof ZTenderBid>;

export const ZTenderAward = z.object({
  id: z.string().nullable(),
  status: z.string().nullable(),
  date: z.string().nullable(),
  suppliers: z.array(ZParty),
  amount: ZMoney.nullable(),
  currency: z.string().nullable(),
  items: z.array(z.object({ description: z.string().nullable(), classification: z.string().nullable() })),
});
export type TTenderAward = z.infer<typeof ZTenderAward>;

export const ZTenderContract = z.object({
  id: z.string().nullable(),
  awardId: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string().nullable(),
  dateSigned: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  amount: ZMoney.nullable(),
  currency: z.string().nullable(),
});
export type TTenderContract = z.infer<typeof ZTenderContract>;

export const ZTenderDetail = ZTenderProcess.omit({ flags: true }).extend({
  description: z.string().nullable(),
  mainProcurementCategory: z.string().nullable(),
  awardCriteria: z.string().nullable(),
  numberOfTenderers: z.number().nullable(),
  bids: z.array(ZTenderBid),
  awards: z.array(ZTenderAward),
  contracts: z.array(ZTenderContract),
  flags: z.array(ZTenderFlag),
});
export type TTenderDetail = z.infer<typeof ZTenderDetail>;

/** The two families of flags: cardinal's indicators (R…) and the hospital flags (H…). */
export const TENDER_FLAG_KINDS = ['indicator', 'hospital'] as const;
/** Sort keys of the process list. */
export const TENDER_SORTS = ['ocid', 'title', 'buyerName', 'institutionName', 'procurementMethod', 'tenderStart', 'tenderEnd', 'tenderValue', 'awardDate', 'awardedValue', 'bidCount', 'flags'] as const;

export const ZTenderListQuery = ZListQuery.extend({
  institutionId: ZId.optional(),
  buyerId: z.string().trim().max(200).optional(),
  /** true: only processes with a flag; false: only those without. */
  flagged: ZQueryBool.optional(),
  code: ZTenderFlagCode.optional(),
  kind: z.enum(TENDER_FLAG_KINDS).optional(),
  method: z.string().trim().max(100).optional(),
  /** Tender period start from / to (Asia/Shanghai calendar dates, inclusive). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type TTenderListQuery = z.infer<typeof ZTenderListQuery>;

export const ZTenderImportResult = z.object({
  regionId: ZId,
  format: z.enum(['jsonl', 'release_package', 'record_package']),
  processes: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Processes placed in an institution (buyer matched, or the importer's own). */
  matched: z.number().int(),
  /** Flags in the region after the recomputation. */
  flags: z.number().int(),
});
export type TTenderImportResult = z.infer<typeof ZTenderImportResult>;

/** One buyer in the region-wide comparison. */
export const ZTenderBuyer = z.object({
  buyerId: z.string().nullable(),
  buyerName: z.string().nullable(),
  institutionId: ZId.nullable(),
  institutionName: z.string().nullable(),
  processes: z.number().int(),
  flaggedProcesses: z.number().int(),
  /** flaggedProcesses / processes, 0..1. */
  flaggedShare: z.number(),
  /** Sum of awarded values in CNY. */
  awardedValue: ZMoney,
  /** Processes flagged per code (a process counts once per code). */
  flagCounts: z.record(z.string(), z.number().int()),
  /** The supplier with the largest part of the buyer's CNY awards (sole-supplier awards only, as H03 counts). */
  topSupplierName: z.string().nullable(),
  topSupplierAmount: ZMoney.nullable(),
  /** topSupplierAmount / awardedValue, 0..1; null without CNY awards. */
  topSupplierShare: z.number().nullable(),
});
export type TTenderBuyer = z.infer<typeof ZTenderBuyer>;

export const ZTenderBuyerQuery = ZListQuery.extend({
  institutionId: ZId.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type TTenderBuyerQuery = z.infer<typeof ZTenderBuyerQuery>;
