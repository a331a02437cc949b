/**
 * Text helpers for Chinese organisation names: a comparison key for duplicate detection and
 * pinyin initials for quick search.
 */
import { pinyin } from 'pinyin-pro';

/** Brackets that NFKC leaves alone but that mean the same as round brackets in a name. */
const BRACKETS: Readonly<Record<string, string>> = {
  '【': '(',
  '〔': '(',
  '〖': '(',
  '[': '(',
  '{': '(',
  '】': ')',
  '〕': ')',
  '〗': ')',
  ']': ')',
  '}': ')',
};

/**
 * A comparison key for duplicate detection: NFKC (full-width → half-width), all whitespace removed,
 * every bracket style unified to "()", other punctuation and symbols (·、,.&…) removed, latin
 * lower-cased. "腾讯科技（深圳）有限公司" and "腾讯科技(深圳) 有限公司" give the same key.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[【〔〖[{】〕〗\]}]/gu, (char) => BRACKETS[char])
    .replace(/[^\P{P}()]|\p{S}/gu, '')
    .toLowerCase();
}

/**
 * Pinyin initials of the Chinese characters, with latin letters and digits kept (lower case) and
 * everything else dropped: 苏州汇川技术有限公司 → 'szhcjsyxgs', ABB（中国） → 'abbzg'.
 */
export function nameInitials(name: string): string {
  const parts = pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' });
  return parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
