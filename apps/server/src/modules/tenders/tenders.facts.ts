/**
 * The part of a compiled release the indicators and hospital flags read, pruned from the whole:
 * stored beside the release so that recomputing a region's flags reads a fraction of the bytes.
 * Every value the flags read is copied verbatim (a wrongly typed value stays wrongly typed, so the
 * indicators treat the pruned release exactly as the whole one); everything else is dropped.
 */
import { isObject, type Json, type JsonObject } from './engine/ocds.ts';

/** true: copy as is; an object: keep these members of an object; [shape]: apply to each element of an array. */
type Shape = true | { [key: string]: Shape } | [Shape];

const ORG: Shape = { id: true, name: true };
const VALUE: Shape = { amount: true, currency: true };

const FACTS: Shape = {
  ocid: true,
  date: true,
  buyer: ORG,
  tender: {
    status: true,
    procurementMethod: true,
    procurementMethodDetails: true,
    numberOfTenderers: true,
    tenderPeriod: { startDate: true, endDate: true },
    procuringEntity: ORG,
  },
  bids: { details: [{ status: true, date: true, tenderers: [{ id: true }], value: VALUE }] },
  awards: [{ status: true, date: true, suppliers: [ORG], value: VALUE, items: [{ classification: { id: true } }] }],
};

function prune(v: Json, shape: Shape): Json {
  if (shape === true) return v;
  if (Array.isArray(shape)) return Array.isArray(v) ? v.map((e) => prune(e, shape[0])) : v;
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const key of Object.keys(shape)) if (Object.hasOwn(v, key)) out[key] = prune(v[key]!, shape[key]!);
  return out;
}

/** The indicator facts of a release. */
export const factsOf = (release: JsonObject): JsonObject => prune(release, FACTS) as JsonObject;
