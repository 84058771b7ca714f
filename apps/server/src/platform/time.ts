/** Times are stored in UTC and shown in Asia/Shanghai. */
const fmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** "2026-11-22 21:03:05" in Shanghai time. */
export function formatShanghai(at: string | Date): string {
  const p = Object.fromEntries(fmt.formatToParts(typeof at === 'string' ? new Date(at) : at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(at: Date): string {
  return formatShanghai(at).slice(0, 10);
}

/** The instant a Shanghai calendar date (YYYY-MM-DD) begins. */
export const shanghaiStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
