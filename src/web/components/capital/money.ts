import type { Lang } from '../../i18n';

/** fen → 元 text with two decimals and grouping. */
export function yuan(lang: Lang, fen: number): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
}

/** 元 as typed (up to two decimals) → integer fen. */
export function toFen(yuanValue: number): number {
  return Math.round(yuanValue * 100);
}
