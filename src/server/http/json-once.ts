/**
 * JSON text of response objects that are never mutated, remembered by identity: a presenter that
 * memoises its output (the enterprise detail, the hottest read) marks it with {@link immutableJson},
 * and the production serialiser ({@link serialiseResponse}) then stringifies it once instead of on
 * every request. Objects not marked are stringified as usual.
 */
const texts = new WeakMap<object, string | null>();

/** Mark `value` as never mutated from now on, so that its JSON text may be reused; returns it. */
export function immutableJson<T extends object>(value: T): T {
  if (!texts.has(value)) {
    texts.set(value, null);
  }
  return value;
}

/** `JSON.stringify(data)`, computed once per object marked with {@link immutableJson}. */
export function serialiseResponse(data: unknown): string {
  if (typeof data !== 'object' || data === null) {
    return JSON.stringify(data);
  }
  const known = texts.get(data);
  if (known === undefined) {
    return JSON.stringify(data);
  }
  if (known !== null) {
    return known;
  }
  const text = JSON.stringify(data);
  texts.set(data, text);
  return text;
}
