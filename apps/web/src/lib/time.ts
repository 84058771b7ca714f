/** Dates and times: stored UTC by the server, always shown in China Standard Time. */
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';
import { currentLocale, type Locale } from './i18n/current.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = 'Asia/Shanghai';

/** Switches dayjs' month and weekday names (antd pickers use them). */
export function setDayjsLocale(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
}
setDayjsLocale(currentLocale());

/** 2025-03-01 14:05 in Asia/Shanghai, or '—' when empty. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  return dayjs.utc(iso).tz(TZ).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/** A calendar date (YYYY-MM-DD) as given, or '—'. */
export function formatDate(date: string | null | undefined): string {
  return date ? date.slice(0, 10) : '—';
}

/** The current time in Asia/Shanghai. */
export function nowInChina(): Dayjs {
  return dayjs().tz(TZ);
}

/** A picker value as YYYY-MM-DD (calendar dates carry no time zone). */
export function toIsoDate(d: Dayjs | null | undefined): string | null {
  return d ? d.format('YYYY-MM-DD') : null;
}

/** YYYY-MM-DD to a picker value. */
export function fromIsoDate(s: string | null | undefined): Dayjs | null {
  return s ? dayjs(s) : null;
}
