/**
 * The reasoning of each flag in the caller's language: the message for its code filled with the numbers
 * stored on the flag and, where the flag is about this process, read from the release itself (dates,
 * names). Organisations are named as "name（id）" when the release gives a name.
 */
import type { TTenderFlag, TTenderFlagCode } from '@qinglian/contracts';
import { type Locale, t } from '../../platform/i18n.ts';
import { arr, type Json, type JsonObject, obj, str } from './engine/ocds.ts';
import { parseRfc3339, wholeDaysBetween } from './engine/rfc3339.ts';
import { APP_SETTINGS } from './tenders.flags.ts';

export interface StoredFlag {
  code: string;
  subject: TTenderFlag['subject'];
  subjectId: string;
  value: number;
  detail: Record<string, string | number | string[]>;
}

/** id → name of every organisation the release mentions. */
export function namesOf(release: JsonObject): Map<string, string> {
  const names = new Map<string, string>();
  const add = (o: Json | undefined) => {
    const id = str(o, 'id');
    const name = str(o, 'name');
    if (id !== undefined && name !== undefined && !names.has(id)) names.set(id, name);
  };
  for (const p of arr(release, 'parties') ?? []) add(p);
  add(obj(release, 'buyer'));
  add(obj(obj(release, 'tender'), 'procuringEntity'));
  for (const b of arr(obj(release, 'bids'), 'details') ?? []) for (const x of arr(b, 'tenderers') ?? []) add(x);
  for (const a of arr(release, 'awards') ?? []) for (const x of arr(a, 'suppliers') ?? []) add(x);
  return names;
}

/** A time as Asia/Shanghai "YYYY-MM-DD HH:mm". */
export function shanghaiText(text: string | undefined): string {
  const i = text === undefined ? null : parseRfc3339(text);
  if (!i) return text ?? '';
  const d = new Date(i.secs * 1000 + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** OCDS procurement methods in Chinese. */
export const METHOD_ZH: Record<string, string> = { open: '公开招标', selective: '邀请招标', limited: '竞争性谈判/磋商', direct: '单一来源' };

/** The flag with its title and reasoning. */
export function explainFlag(locale: Locale, f: StoredFlag, release: JsonObject, names = namesOf(release)): TTenderFlag {
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const label = (id: string) => {
    const name = names.get(id);
    if (!name || name === id) return id;
    return locale === 'zh-CN' ? `${name}（${id}）` : `${name} (${id})`;
  };
  const tender = obj(release, 'tender');
  const period = obj(tender, 'tenderPeriod');
  const tenderers = Array.isArray(f.detail.tenderers) ? f.detail.tenderers : [];
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f.detail)) if (!Array.isArray(v)) params[k] = v;
  params.subject = label(f.subjectId);
  params.tenderers = tenderers.map(label).join(sep);
  if (typeof f.detail.winner === 'string') params.winner = label(f.detail.winner);
  else if (tenderers[0]) params.winner = label(tenderers[0]);
  if (typeof f.detail.runnerUp === 'string') params.runnerUp = label(f.detail.runnerUp);
  let key = `tender.flag.${f.code}`;
  /** Values the reasoning read from the release, shown beside the stored ones. */
  const read: Record<string, string | number> = {};
  switch (f.code) {
    case 'R003': {
      const start = parseRfc3339(str(period, 'startDate') ?? '');
      const end = parseRfc3339(str(period, 'endDate') ?? '');
      const details = str(tender, 'procurementMethodDetails');
      const byDetails = APP_SETTINGS.R003?.procurement_method_details ?? {};
      params.days = start && end ? wholeDaysBetween(start, end) : '?';
      params.threshold = details !== undefined && Object.hasOwn(byDetails, details) ? byDetails[details]! : (APP_SETTINGS.R003?.threshold ?? 15);
      params.start = shanghaiText(str(period, 'startDate'));
      params.end = shanghaiText(str(period, 'endDate'));
      Object.assign(read, { days: params.days, minDays: params.threshold, start: params.start, end: params.end });
      break;
    }
    case 'R018': {
      const method = str(tender, 'procurementMethod') ?? '';
      params.method = locale === 'zh-CN' ? (METHOD_ZH[method] ?? method) : method;
      Object.assign(read, { method, received: 1 });
      break;
    }
    case 'R030':
      params.end = shanghaiText(str(period, 'endDate'));
      read.end = params.end;
      break;
    case 'R035':
      params.count = f.value;
      read.others = f.value;
      break;
    case 'R038':
      key = `tender.flag.R038.${f.subject === 'process' ? 'tenderer' : f.subject}`;
      break;
  }
  return {
    code: f.code as TTenderFlagCode,
    title: t(locale, `tender.flag.${f.code}.title`),
    subject: f.subject,
    subjectId: f.subjectId,
    value: Number.isFinite(f.value) ? f.value : null,
    reason: t(locale, key, params),
    detail: { ...read, ...f.detail },
  };
}
