/**
 * Tokens of the matching engine: jieba (search mode) with a domain user dictionary, so that
 * 磷酸铁锂电芯 or 光刻胶材料 come out whole as well as in their parts, plus character bigrams
 * of runs jieba could only cut into single characters (unknown words: new product names,
 * brand-like coinages). Pure: the dictionary comes in as data.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** A weight high enough that jieba keeps a dictionary term whole. */
const USER_WORD_FREQUENCY = 200_000;

/** Texts up to this length are memoised; {@link MEMO_SIZE} entries at most (then the memo starts again). */
const MEMO_TEXT_MAX = 32;
const MEMO_SIZE = 200_000;
/**
 * Separators jieba never joins across (it segments each run between them on its own), so a
 * longer text is cut fragment by fragment and the fragments — product names, stock phrases that
 * recur across thousands of descriptions — come from the memo: the same tokens, far fewer cuts.
 */
const FRAGMENT_BREAK = /[\s,;:!?，。、；：！？（）()【】「」“”《》"]+/;

const HAN = /\p{Script=Han}/u;
const MEANINGFUL = /[\p{Script=Han}A-Za-z]/u;
const NUMERIC = /^[\d.%]+$/;

/** Splits texts into matching terms. Build one per process (loading jieba takes ~0.3 s). */
export class Tokenizer {
  private readonly jieba: Jieba;
  /** Tokens of short texts (product names, titles): they repeat across documents and queries. Do not mutate. */
  private readonly memo = new Map<string, string[]>();
  private readonly productMemo = new Map<string, string[]>();
  /** The domain vocabulary, lower-cased (product terms are kept whole when they appear). */
  readonly vocabulary: ReadonlySet<string>;

  constructor(vocabulary: Iterable<string>) {
    this.jieba = Jieba.withDict(dict);
    const words = new Set<string>();
    for (const raw of vocabulary) {
      const word = normaliseTerm(raw);
      if (word.length >= 2 && !/\s/.test(word)) words.add(word);
    }
    this.vocabulary = words;
    if (words.size > 0) {
      this.jieba.loadDict(Buffer.from([...words].map((w) => `${w} ${USER_WORD_FREQUENCY} n`).join('\n')));
    }
  }

  /**
   * Terms of a text in order, repeats kept (term frequency matters): words of two or more
   * characters, Latin words, and bigrams of runs of single Han characters.
   */
  tokens(text: string): string[] {
    if (text.length > MEMO_TEXT_MAX) {
      const out: string[] = [];
      for (const fragment of text.split(FRAGMENT_BREAK)) {
        if (fragment) for (const t of fragment.length > MEMO_TEXT_MAX ? this.cut(fragment) : this.tokens(fragment)) out.push(t);
      }
      return out;
    }
    let tokens = this.memo.get(text);
    if (!tokens) {
      if (this.memo.size >= MEMO_SIZE) this.memo.clear();
      tokens = this.cut(text);
      this.memo.set(text, tokens);
    }
    return tokens;
  }

  private cut(text: string): string[] {
    const out: string[] = [];
    let run = '';
    const flushRun = () => {
      for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
      run = '';
    };
    for (const raw of this.jieba.cutForSearch(normaliseTerm(text), false)) {
      const token = raw.trim();
      if (token.length === 1 && HAN.test(token)) {
        run += token;
        continue;
      }
      flushRun();
      if (token.length >= 2 && !NUMERIC.test(token) && MEANINGFUL.test(token)) out.push(token);
    }
    flushRun();
    return out;
  }

  /**
   * Terms of a product phrase: the phrase itself when it is short enough to be one term (so
   * that an exact product name matches as a whole), then its tokens.
   */
  productTokens(product: string): string[] {
    let tokens = this.productMemo.get(product);
    if (!tokens) {
      const parts = this.tokens(product);
      const whole = normaliseTerm(product).replace(/\s+/g, '');
      tokens = whole.length >= 2 && whole.length <= 12 && !parts.includes(whole) ? [whole, ...parts] : parts;
      if (this.productMemo.size >= MEMO_SIZE) this.productMemo.clear();
      this.productMemo.set(product, tokens);
    }
    return tokens;
  }
}

const NEEDS_NORMALISING = /[A-Z\uFF01-\uFF5E\u3000]/;

/** Lower case, full-width ASCII to half-width: how terms are compared. */
export function normaliseTerm(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text.trim();
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .trim();
}
