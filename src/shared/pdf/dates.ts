/**
 * Dates on printed ledgers: Gregorian with Japanese units (2026年11月22日), in Asia/Tokyo.
 * We print the Western year rather than 令和 so the page never depends on an era table, and
 * keep it the same everywhere on the form. Pure functions: the caller passes every instant.
 */

const TOKYO = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface TokyoParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function tokyoParts(instant: Date): TokyoParts {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  const parts = TOKYO.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `2026-11-22` → `2026年11月22日`. A calendar date is printed as given; a full ISO timestamp is
 * first converted to its calendar date in Tokyo (a 23:30 UTC sale is the next day in Japan).
 */
export function formatJpDate(value: string | Date): string {
  const m = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`Invalid date: ${value}`);
    return `${year}年${month}月${day}日`;
  }
  const p = tokyoParts(typeof value === 'string' ? new Date(value) : value);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** `2026-11-22T05:05:00Z` → `2026年11月22日 14:05` (Asia/Tokyo, 24-hour clock). */
export function formatJpDateTime(instant: Date): string {
  const p = tokyoParts(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}
