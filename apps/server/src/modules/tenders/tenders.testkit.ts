/** Builders for tests: compact OCDS compiled releases, a multipart upload, and a stored process. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { JsonObject } from './engine/ocds.ts';
import { tenderProcesses } from './tenders.tables.ts';

export interface BidSpec {
  t: string;
  amount?: number;
  status?: string;
  date?: string;
}

export interface ReleaseSpec {
  ocid: string;
  buyer?: { id?: string; name?: string };
  method?: string;
  start?: string;
  end?: string;
  bids?: BidSpec[];
  /** The active award's supplier and amount (CNY); omit for no award. */
  award?: { s: string; amount?: number; date?: string; status?: string; items?: string[] };
  numberOfTenderers?: number;
}

/** A compiled release from a short spec; tenderer t's name is "t公司". */
export function release(r: ReleaseSpec): JsonObject {
  const org = (id: string) => ({ id, name: `${id}公司` });
  return {
    ocid: r.ocid,
    buyer: r.buyer ?? { id: 'X', name: '外部单位' },
    tender: {
      title: `项目${r.ocid}`,
      status: 'complete',
      procurementMethod: r.method ?? 'open',
      numberOfTenderers: r.numberOfTenderers ?? r.bids?.length ?? 0,
      tenderPeriod: { startDate: r.start ?? '2024-03-01T00:00:00Z', endDate: r.end ?? '2024-03-31T00:00:00Z' },
    },
    bids: { details: (r.bids ?? []).map((b) => ({ status: b.status ?? 'valid', date: b.date ?? '2024-03-20T00:00:00Z', tenderers: [org(b.t)], value: { amount: b.amount ?? 100, currency: 'CNY' } })) },
    awards: r.award
      ? [
          {
            status: r.award.status ?? 'active',
            date: r.award.date ?? '2024-04-10T00:00:00Z',
            suppliers: [org(r.award.s)],
            value: { amount: r.award.amount ?? 100, currency: 'CNY' },
            items: (r.award.items ?? []).map((c) => ({ classification: { id: c } })),
          },
        ]
      : [],
  } as unknown as JsonObject;
}

/** JSON Lines text. */
export const jsonl = (releases: JsonObject[]) => `${releases.map((r) => JSON.stringify(r)).join('\n')}\n`;

/** A multipart body with one file part. */
export function multipart(filename: string, data: string | Buffer) {
  const boundary = '----qltender';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(data), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Stores a minimal process directly (for access tests). */
export async function createTenderProcess(db: Db, v: { regionId: string; institutionId: string | null; ocid: string }) {
  const [row] = await db
    .insert(tenderProcesses)
    .values({ ...v, release: { ocid: v.ocid }, facts: { ocid: v.ocid }, releaseHash: sql`md5(${v.ocid})` as unknown as string, bidCount: 0 })
    .returning();
  return row!;
}
