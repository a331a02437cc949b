import type { Lang } from '../i18n';

const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/** Date and time in Beijing time, e.g. `2025/03/01 14:05`. */
export function formatDateTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** A number with grouping, or `—` when missing. */
export function formatNumber(lang: Lang, value: number | null | undefined, maximumFractionDigits = 2): string {
  if (value === null || value === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits }).format(value);
}

/** Today's business date in Beijing as `YYYY-MM-DD`. */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}
