/** The columns of `tender_processes` taken from a compiled release (the release itself is stored whole). */
import { arr, type Json, type JsonObject, num, obj, str, submittedBids } from './engine/ocds.ts';
import { parseRfc3339 } from './engine/rfc3339.ts';
import { fenToDecimal, toFen } from './tenders.money.ts';

export interface ProcessColumns {
  ocid: string;
  title: string | null;
  buyerId: string | null;
  buyerName: string | null;
  procuringEntityName: string | null;
  procurementMethod: string | null;
  procurementMethodDetails: string | null;
  tenderStatus: string | null;
  tenderStart: Date | null;
  tenderEnd: Date | null;
  tenderValue: string | null;
  tenderCurrency: string | null;
  awardedValue: string | null;
  awardedCurrency: string | null;
  awardDate: Date | null;
  suppliers: string | null;
  bidCount: number;
}

/** An RFC 3339 text as a Date (millisecond precision); null when absent or malformed. */
export function dateOf(v: string | undefined): Date | null {
  if (v === undefined) return null;
  const i = parseRfc3339(v);
  return i ? new Date(i.secs * 1000 + Math.floor(i.nanos / 1e6)) : null;
}

/** numeric(20,2) holds under 10¹⁸ yuan; a larger amount is treated as missing rather than failing the import. */
export const storable = (fen: bigint | null): bigint | null => (fen !== null && fen < 10n ** 20n && fen > -(10n ** 20n) ? fen : null);

/** An OCDS Value's amount as a decimal string and its currency. */
export function moneyOf(v: Json | undefined): { amount: string | null; currency: string | null } {
  const amount = num(v, 'amount');
  const fen = amount === undefined ? null : storable(toFen(amount));
  return { amount: fen === null ? null : fenToDecimal(fen), currency: str(v, 'currency') ?? null };
}

/** The active awards (status "active"), the ones in force. */
export const activeAwards = (release: JsonObject): JsonObject[] =>
  (arr(release, 'awards') ?? []).filter((a): a is JsonObject => str(a, 'status') === 'active');

/** An organisation reference's display label: its name, else its id. */
export const orgLabel = (o: Json | undefined): string | null => str(o, 'name') ?? str(o, 'id') ?? null;

const clip = (s: string | undefined, n = 500) => (s === undefined ? null : s.slice(0, n));

/** Extracts the listed columns. */
export function extractProcess(release: JsonObject): ProcessColumns {
  const tender = obj(release, 'tender');
  const buyer = obj(release, 'buyer');
  const period = obj(tender, 'tenderPeriod');
  const tenderValue = moneyOf(obj(tender, 'value'));
  let awardedFen: bigint | null = null;
  let awardedCurrency: string | null = null;
  let awardDate: Date | null = null;
  const suppliers = new Set<string>();
  for (const award of activeAwards(release)) {
    const amount = num(obj(award, 'value'), 'amount');
    const currency = str(obj(award, 'value'), 'currency');
    const fen = amount === undefined ? null : storable(toFen(amount));
    if (fen !== null && currency !== undefined && (awardedCurrency === null || currency === awardedCurrency)) {
      awardedCurrency = currency;
      awardedFen = (awardedFen ?? 0n) + fen;
    }
    const d = dateOf(str(award, 'date'));
    if (d && (!awardDate || d < awardDate)) awardDate = d;
    for (const s of arr(award, 'suppliers') ?? []) {
      const label = orgLabel(s);
      if (label) suppliers.add(label);
    }
  }
  return {
    ocid: str(release, 'ocid')!,
    title: clip(str(tender, 'title') ?? str(release, 'title')),
    buyerId: clip(str(buyer, 'id'), 200),
    buyerName: clip(str(buyer, 'name'), 200),
    procuringEntityName: clip(orgLabel(obj(tender, 'procuringEntity')) ?? undefined, 200),
    procurementMethod: clip(str(tender, 'procurementMethod'), 100),
    procurementMethodDetails: clip(str(tender, 'procurementMethodDetails'), 200),
    tenderStatus: clip(str(tender, 'status'), 100),
    tenderStart: dateOf(str(period, 'startDate')),
    tenderEnd: dateOf(str(period, 'endDate')),
    tenderValue: tenderValue.amount,
    tenderCurrency: tenderValue.currency,
    awardedValue: storable(awardedFen) === null ? null : fenToDecimal(awardedFen!),
    awardedCurrency,
    awardDate,
    suppliers: suppliers.size ? [...suppliers].join('、').slice(0, 1000) : null,
    bidCount: submittedBids(release).length,
  };
}
