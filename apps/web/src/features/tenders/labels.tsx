/** Labels, tags and number formats shared by the tender pages. */
import type { TTenderFlagBrief, TTenderFlagCode } from '@qinglian/contracts';
import { Tag, Tooltip } from 'antd';
import type { Dict } from '../../lib/i18n/index.tsx';

/** Every flag code in the order the dictionary lists them (cardinal's first, then the hospital flags). */
export const flagCodes = (t: Dict) => Object.keys(t.tenders.flags) as TTenderFlagCode[];
export const isHospital = (code: string) => code.startsWith('H');

/** "1234567.8" or "1234567.89" as "1,234,567.89" — string work only, money never becomes a float. */
export function formatYuan(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const neg = amount.startsWith('-');
  const [int = '0', frac = ''] = (neg ? amount.slice(1) : amount).split('.');
  return `${neg ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${`${frac}00`.slice(0, 2)}`;
}

/** An amount with its currency when it is not yuan. */
export const money = (amount: string | null | undefined, currency?: string | null) => (amount ? `${formatYuan(amount)}${currency && currency !== 'CNY' ? ` ${currency}` : ''}` : '—');

/** A ratio 0..1 as "62.5%". */
export const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** A label from a dictionary map, else the raw OCDS value. */
export const labelOf = (map: Record<string, string>, v: string | null | undefined) => (v ? (map[v] ?? v) : '—');

export const FLAG_COLOR = { indicator: 'volcano', hospital: 'gold' } as const;

/** One tag per distinct code, its title in a tooltip; with `counts`, a compact "R003 ×2" per code. */
export function FlagTags({ flags, t, counts }: { flags: Pick<TTenderFlagBrief, 'code'>[]; t: Dict; counts?: Record<string, number> }) {
  const codes = [...new Set(flags.map((f) => f.code))];
  if (!codes.length) return <span className="ql-muted">{t.tenders.list.noFlags}</span>;
  return (
    <span className="ql-flag-tags">
      {codes.map((c) => (
        <Tooltip key={c} title={t.tenders.flags[c]}>
          <Tag color={isHospital(c) ? FLAG_COLOR.hospital : FLAG_COLOR.indicator} style={{ marginInlineEnd: 4 }} data-testid={`flag-${c}`}>
            {counts ? `${c} ×${counts[c] ?? 0}` : `${c} ${t.tenders.flags[c]}`}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}
