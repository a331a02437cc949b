/** Terms of innovation texts (jieba search mode) for similar-item hints and reviewer field match. */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
const MEANINGFUL = /[\p{Script=Han}A-Za-z]/u;
const STOP = new Set(['的', '和', '与', '及', '或', '在', '为', '对', '等', '了', '是', '我们', '进行', '研发', '技术', '方案', '提供']);

/** Lower-cased jieba terms of a text: words of two or more characters (or Latin words), stop-words dropped. */
export function termsOf(text: string): Set<string> {
  jieba ??= Jieba.withDict(dict);
  const out = new Set<string>();
  for (const raw of jieba.cutForSearch(text.toLowerCase(), true)) {
    const term = raw.trim();
    if (term.length >= 2 && MEANINGFUL.test(term) && !STOP.has(term)) out.add(term);
  }
  return out;
}

/** Jaccard similarity of two term sets (0–1). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const term of a) {
    if (b.has(term)) both++;
  }
  return both / (a.size + b.size - both);
}
