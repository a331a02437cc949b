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

const PINYIN_FIRST = { pattern: 'first', toneType: 'none', type: 'array' } as const;

/** Lower case, then only latin letters and digits: what is kept of each character's initial. */
function keepInitial(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Pinyin initials the way pinyin-pro reads the whole name, with its word-based polyphone choice (重庆 → cq, 银行 → yh). */
function initialsInContext(name: string): string {
  return keepInitial(pinyin(name, PINYIN_FIRST).join(''));
}

/**
 * What each character contributes to {@link nameInitials} when that does not depend on its
 * neighbours: every reading pinyin-pro knows gives the same initial (华 → 'h', 'A' → 'a', '、' → '').
 * `null` marks characters whose initial depends on the word they are in (长 chang/zhang, 行
 * xing/hang, 重 chong/zhong): a name with one of them is read as a whole by pinyin-pro.
 */
const CONTEXT_FREE_INITIAL = new Map<string, string | null>();
/** Upper bound of {@link CONTEXT_FREE_INITIAL}; odd input beyond it is read the slow way, not cached. */
const CONTEXT_FREE_CACHE_MAX = 50_000;

function contextFreeInitial(char: string): string | null {
  const known = CONTEXT_FREE_INITIAL.get(char);
  if (known !== undefined) {
    return known;
  }
  const readings = new Set(pinyin(char, { ...PINYIN_FIRST, multiple: true }).map(keepInitial));
  const initial = readings.size === 1 ? keepInitial(pinyin(char, PINYIN_FIRST).join('')) : null;
  if (initial !== null && !readings.has(initial)) {
    return null; // the usual reading is missing from the list of readings: trust only the whole-name path
  }
  if (CONTEXT_FREE_INITIAL.size < CONTEXT_FREE_CACHE_MAX) {
    CONTEXT_FREE_INITIAL.set(char, initial);
  }
  return initial;
}

/**
 * Pinyin initials of the Chinese characters, with latin letters and digits kept (lower case) and
 * everything else dropped: 苏州汇川技术有限公司 → 'szhcjsyxgs', ABB（中国） → 'abbzg'.
 *
 * Same result as reading the whole name with pinyin-pro, about 50× faster for the many names whose
 * characters each have one initial: those are looked up per character, and only names holding a
 * polyphone whose initials differ (重庆, 长沙, 银行) go through pinyin-pro's word segmentation.
 */
export function nameInitials(name: string): string {
  const text = name.normalize('NFKC');
  let out = '';
  for (const char of text) {
    const initial = contextFreeInitial(char);
    if (initial === null) {
      return initialsInContext(text);
    }
    out += initial;
  }
  return out;
}
