/**
 * The tokenizer of chain suggestions: jieba with its default dictionary plus every template
 * product term (so that 磷酸铁锂电芯 or 锂电池电解液 come out whole as well as in parts).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { templateVocabulary } from './chains.templates.js';

let jieba: Jieba | undefined;

/** A weight high enough that jieba keeps a product term whole. */
const USER_WORD_FREQUENCY = 200_000;

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    const lines = templateVocabulary()
      .filter((term) => !/\s/.test(term))
      .map((term) => `${term} ${USER_WORD_FREQUENCY} n`);
    jieba.loadDict(Buffer.from(lines.join('\n')));
  }
  return jieba;
}

/**
 * Tokens of recent texts: suggestions for the segments of one chain score mostly the same
 * enterprises, and a profile's text is its own key, so an edited profile simply misses.
 */
const memo = new Map<string, Set<string>>();
const MEMO_MAX = 50_000;

/**
 * Distinct search-mode tokens of a text (whole terms and their sub-words), without punctuation,
 * numbers and one-character words. Do not mutate the result (it is shared).
 */
export function chainTokens(text: string): ReadonlySet<string> {
  const known = memo.get(text);
  if (known) {
    return known;
  }
  const tokens = tokenize(text);
  if (memo.size >= MEMO_MAX) {
    memo.clear();
  }
  memo.set(text, tokens);
  return tokens;
}

function tokenize(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const token of instance().cutForSearch(text, true)) {
    if (token.length >= 2 && !/^[\d.%]+$/.test(token) && /[\p{Script=Han}A-Za-z]/u.test(token)) {
      tokens.add(token);
    }
  }
  return tokens;
}
