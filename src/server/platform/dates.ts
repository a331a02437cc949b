/** Business dates are Asia/Shanghai calendar dates. */
export const BUSINESS_TZ = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Asia/Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function businessDate(at: Date = new Date()): string {
  return formatter.format(at);
}

/** The last complete calendar year in Asia/Shanghai (the year of "上年度" figures). */
export function lastBusinessYear(at: Date = new Date()): number {
  return Number(businessDate(at).slice(0, 4)) - 1;
}

const minuteFormatter = new Intl.DateTimeFormat('sv-SE', { timeZone: BUSINESS_TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The Asia/Shanghai date and minute of an instant, as `YYYY-MM-DD HH:mm`. */
export function businessDateTime(at: Date): string {
  return minuteFormatter.format(at);
}
