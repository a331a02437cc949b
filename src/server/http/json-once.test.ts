import { describe, expect, it } from 'vitest';
import { immutableJson, serialiseResponse } from './json-once.js';

describe('serialiseResponse', () => {
  it('stringifies unmarked values every time, so later changes show', () => {
    const value = { a: 1 };
    expect(serialiseResponse(value)).toBe('{"a":1}');
    value.a = 2;
    expect(serialiseResponse(value)).toBe('{"a":2}');
    expect(serialiseResponse(null)).toBe('null');
    expect(serialiseResponse('x')).toBe('"x"');
    expect(serialiseResponse([1, 2])).toBe('[1,2]');
  });

  it('stringifies a marked object once and answers the same text after', () => {
    const value = immutableJson({ uscc: '91320500MA1XXXXX0X', tags: ['专精特新'] });
    const first = serialiseResponse(value);
    expect(first).toBe(JSON.stringify(value));
    (value as { uscc: string }).uscc = 'changed'; // marked objects must not change; if one does, the text stays
    expect(serialiseResponse(value)).toBe(first);
    expect(immutableJson(value)).toBe(value); // marking again keeps the remembered text
    expect(serialiseResponse(value)).toBe(first);
  });
});
