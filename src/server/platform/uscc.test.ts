import { describe, expect, it } from 'vitest';
import { makeUscc, normaliseUscc, orgCodeCheckChar, usccCheckChar, validateUscc } from './uscc.js';

/**
 * Published codes found in public repositories (shared/reference/policy-rules.md §5; the CATL code
 * appears in several repositories' registry and annual-report fixtures). Attributions are not checked
 * against the official registry; the check characters are.
 */
const REAL_CODES = [
  ['914403001922038216', '华为技术有限公司'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91350900587527783P', '宁德时代新能源科技股份有限公司'],
  ['91440300MA5H824G7M', 'MA 号段代码，公开仓库样例数据，归属未核实'],
] as const;

describe(validateUscc.name, () => {
  it.each(REAL_CODES)('accepts the real code %s (%s) with no warnings', (code) => {
    expect(validateUscc(code)).toEqual({ code, valid: true });
  });

  it('normalises before validating', () => {
    expect(validateUscc(' ９１４４０３００１９２２０３８２１６ ')).toEqual({ code: '914403001922038216', valid: true });
    expect(validateUscc('9144030071526726xg').valid).toBe(true);
  });

  it('rejects an empty code', () => {
    expect(validateUscc('  ')).toEqual({ code: '', valid: false, reason: '统一社会信用代码不能为空' });
  });

  it('rejects a wrong length', () => {
    expect(validateUscc('91440300192203821').reason).toBe('长度应为18位，实际为17位');
    expect(validateUscc('9144030019220382160').reason).toBe('长度应为18位，实际为19位');
  });

  it.each([
    ['9144I3001922038216', '第5位含非法字符“I”'],
    ['O14403001922038216', '第1位含非法字符“O”'],
    ['91440300192203821S', '第18位含非法字符“S”'],
    ['914403001922V38216', '第13位含非法字符“V”'],
    ['9144030019220382Z6', '第17位含非法字符“Z”'],
    ['91440300-922038216', '第9位含非法字符“-”'],
  ])('rejects %s: %s', (code, reason) => {
    expect(validateUscc(code)).toEqual({ code, valid: false, reason });
  });

  it('rejects an unknown registration department in position 1', () => {
    expect(validateUscc('B14403001922038216').reason).toBe('第1位登记管理部门代码“B”无效');
  });

  it('rejects a non-numeric region code in positions 3–8', () => {
    expect(validateUscc('9144A3001922038216').reason).toBe('第3–8位登记管理机关行政区划码应为6位数字');
  });

  it('rejects a wrong check character and names the expected one', () => {
    expect(validateUscc('914403001922038217')).toEqual({
      code: '914403001922038217',
      valid: false,
      reason: '校验码应为“6”，实际为“7”',
    });
    // Attributed to Baidu in mock data, but fabricated: the check character computes to J.
    expect(validateUscc('91110108717809965C').reason).toBe('校验码应为“J”，实际为“C”');
  });

  it('accepts but warns when the GB 11714 organisation-code check fails', () => {
    // Position 17 changed from 1 to 2 and position 18 recomputed (python3, independent of this code).
    expect(validateUscc('914403001922038229')).toEqual({
      code: '914403001922038229',
      valid: true,
      warnings: ['主体标识码（组织机构代码）校验位应为“1”，实际为“2”'],
    });
  });

  it('accepts but warns when position 2 is not a category of the department', () => {
    expect(validateUscc('95440300192203821R')).toEqual({
      code: '95440300192203821R',
      valid: true,
      warnings: ['第2位机构类别代码“5”不在登记管理部门“9”（工商）的类别表中'],
    });
  });
});

describe(normaliseUscc.name, () => {
  it('trims, upper-cases, converts full-width and drops inner spaces', () => {
    expect(normaliseUscc(' ９１４４０３００７１５２６７２６ｘｇ ')).toBe('9144030071526726XG');
    expect(normaliseUscc('9144 0300 7152 6726xg')).toBe('9144030071526726XG');
  });
});

describe(usccCheckChar.name, () => {
  it('computes the documented example: Σ=831, 831 mod 31=25, 31−25=6', () => {
    expect(usccCheckChar('91440300192203821')).toBe('6');
  });

  it('maps a letter result and the 31 → 0 case', () => {
    expect(usccCheckChar('9144030071526726X')).toBe('G');
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('throws validation_failed for bad input', () => {
    expect(() => usccCheckChar('9144030019220382')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => usccCheckChar('9144030019220382I')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe(orgCodeCheckChar.name, () => {
  it('computes GB 11714 check characters, including X and the 11 → 0 case', () => {
    // 1·3+9·7+2·9+2·10+0·5+3·8+8·4+2·2 = 164, 164 mod 11 = 10, 11−10 = 1.
    expect(orgCodeCheckChar('19220382')).toBe('1');
    expect(orgCodeCheckChar('71526726')).toBe('X');
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(orgCodeCheckChar('MA5H824G')).toBe('7');
  });
});

describe(makeUscc.name, () => {
  it('builds the code with both check characters (values cross-checked in python3)', () => {
    expect(makeUscc({ regionCode: '320506', body8: 'MA1XY2Q3' })).toBe('91320506MA1XY2Q3XG');
    expect(makeUscc({ registrationDept: '9', orgCategory: '2', regionCode: '110108', body8: '12345678' })).toBe('92110108123456788B');
    // Check value 30, the last symbol of the alphabet.
    expect(makeUscc({ regionCode: '320500', body8: '10000036' })).toBe('91320500100000366Y');
  });

  it('produces codes that validate without warnings', () => {
    for (const body8 of ['00000000', '12345678', 'MA5H824G', 'ABCDEFGH', '9Y8X7W6U']) {
      const code = makeUscc({ regionCode: '440300', body8 });
      expect(validateUscc(code), code).toEqual({ code, valid: true });
    }
  });

  it('lists every bad option in one validation_failed error', () => {
    let error: unknown;
    try {
      makeUscc({ registrationDept: 'B', orgCategory: 'I', regionCode: '3205', body8: 'MA1OY2Q3' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'validation_failed' });
    expect((error as { errors: Array<{ path: string }> }).errors.map((item) => item.path)).toEqual([
      'registrationDept',
      'orgCategory',
      'regionCode',
      'body8',
    ]);
  });
});
