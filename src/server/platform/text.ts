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
  if (/^[\u4e00-\u9fffa-z0-9()]*$/.test(name)) {
    return name; // already a key (CJK unified ideographs are NFKC-stable): most names in a bulk import
  }
  return name
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[【〔〖[{】〕〗\]}]/gu, (char) => BRACKETS[char])
    .replace(/[^\P{P}()]|\p{S}/gu, '')
    .toLowerCase();
}

/** Toned first letters of pinyin syllables → the bare letter (pinyin-pro's own tone removal, for one letter). */
const BARE_LETTER: Readonly<Record<string, string>> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a',
  ō: 'o', ó: 'o', ǒ: 'o', ò: 'o',
  ē: 'e', é: 'e', ě: 'e', è: 'e',
  ī: 'i', í: 'i', ǐ: 'i', ì: 'i',
  ū: 'u', ú: 'u', ǔ: 'u', ù: 'u',
  ń: 'n', ň: 'n', ǹ: 'n',
  ḿ: 'm',
};

/** Kept of one output letter: latin letters (lower-cased) and digits; '' for anything else. */
function keepLetter(char: string): string {
  if (char.length === 1) {
    const code = char.charCodeAt(0);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      return char;
    }
    if (code >= 0x41 && code <= 0x5a) {
      return String.fromCharCode(code + 0x20);
    }
    if (code < 0x80) {
      return '';
    }
  }
  return char.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Characters whose readings all start with one letter, yet pinyin-pro reads them otherwise inside
 * some word of its dictionary (傍若无人 páng, 合从连衡 zòng, 阿房宫 páng: pinyin-pro 3.29), and 々,
 * which repeats the character before it. A test checks every word of pinyin-pro's dictionary.
 */
const WORD_DEPENDENT = new Set(['傍', '从', '房', '々']);

/**
 * What a character contributes to {@link nameInitials} wherever it stands ('h' for 华, 'a' for A,
 * '' for 、), or null when that depends on the word it is in (长 chang/zhang, 行 xing/hang).
 */
const CONTEXT_FREE_INITIAL = new Map<string, string | null>();
/** Bound of {@link CONTEXT_FREE_INITIAL}: odd input beyond it is looked at every time, not remembered. */
const CONTEXT_FREE_MAX = 50_000;

function contextFreeInitial(char: string): string | null {
  const known = CONTEXT_FREE_INITIAL.get(char);
  if (known !== undefined) {
    return known;
  }
  let initial: string | null = null;
  if (!WORD_DEPENDENT.has(char)) {
    const readings = new Set(pinyin(char, { pattern: 'first', toneType: 'none', type: 'array', multiple: true }).map((r) => r.toLowerCase().replace(/[^a-z0-9]/g, '')));
    if (readings.size === 1) {
      [initial] = readings;
    }
  }
  if (CONTEXT_FREE_INITIAL.size < CONTEXT_FREE_MAX) {
    CONTEXT_FREE_INITIAL.set(char, initial);
  }
  return initial;
}

/**
 * Pinyin initials of the Chinese characters, with latin letters and digits kept (lower case) and
 * everything else dropped: 苏州汇川技术有限公司 → 'szhcjsyxgs', ABB（中国） → 'abbzg'.
 *
 * The same as pinyin-pro's `{ pattern: 'first', toneType: 'none' }` reading of the whole name,
 * which picks each polyphone's reading from the words around it (重庆 → cq, 银行 → yh), but faster
 * (bulk imports compute it for every row): a name whose characters each have one initial wherever
 * they stand is read character by character from a cache; any other name is read whole, asking
 * pinyin-pro for toned syllables and taking their first letters here (its own tone removal runs
 * nine regular expressions per character).
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

function initialsInContext(text: string): string {
  const syllables = pinyin(text, { type: 'array' });
  // pinyin-pro gives one item per character (a surrogate pair is one character).
  const chars = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text;
  if (syllables.length !== chars.length) {
    return initialsByPattern(text); // not one item per character: let pinyin-pro do all of it
  }
  let out = '';
  for (let i = 0; i < syllables.length; i++) {
    const syllable = syllables[i];
    if (syllable === chars[i]) {
      out += keepLetter(syllable); // not Chinese: the character itself
    } else if (!syllable.includes(' ')) {
      const first = syllable.charAt(0);
      out += keepLetter(BARE_LETTER[first] ?? first);
    } else {
      for (const part of syllable.split(' ')) {
        const first = part.charAt(0);
        out += keepLetter(BARE_LETTER[first] ?? first);
      }
    }
  }
  return out;
}

/** The reference: pinyin-pro's first-letter mode, kept for input it does not split one item per character. */
function initialsByPattern(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** `%text%` for LIKE/ILIKE with the user's `\`, `%` and `_` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
