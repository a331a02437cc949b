/**
 * 统一社会信用代码 (GB 32100-2015): normalisation, validation and construction.
 *
 * Layout of the 18 characters: 1 登记管理部门码, 2 机构类别码, 3–8 登记管理机关行政区划码,
 * 9–17 主体标识码 (= GB 11714 组织机构代码, whose own check character is position 17),
 * 18 校验码. Rules and sources: shared/reference/policy-rules.md §5.
 */
import { invalid, type FieldError } from '../errors.js';

/** The 31 symbols of the code, in value order (0–30): digits, then A–Y without I, O, S, V, Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 for the position-18 check character (3^i mod 31). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Weights of positions 9–16 for the GB 11714 organisation-code check character (position 17). */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * 登记管理部门 (position 1) and the 机构类别 (position 2) each allows, per the GB 32100 table.
 * A position-2 value outside its department's list is reported as a warning, not an error: the
 * table comes from secondary sources and must not reject real codes.
 */
export const USCC_DEPARTMENTS: Readonly<Record<string, { name: string; categories: string }>> = {
  '1': { name: '机构编制', categories: '1239' },
  '2': { name: '外交', categories: '19' },
  '3': { name: '司法行政', categories: '123459' },
  '4': { name: '文化', categories: '19' },
  '5': { name: '民政', categories: '1239' },
  '6': { name: '旅游', categories: '129' },
  '7': { name: '宗教', categories: '129' },
  '8': { name: '工会', categories: '19' },
  '9': { name: '工商', categories: '123' },
  A: { name: '中央军委改革和编制办公室', categories: '19' },
  N: { name: '农业', categories: '1239' },
  Y: { name: '其他', categories: '1' },
};

/** Outcome of {@link validateUscc}. `reason` is set only when invalid; `warnings` never make a code invalid. */
export type UsccValidation = {
  /** The normalised input (trimmed, half-width, upper case). */
  code: string;
  valid: boolean;
  /** Chinese explanation of the first rule the code breaks. */
  reason?: string;
  /** Chinese notes on soft checks that failed (GB 11714 inner check, unusual 机构类别). */
  warnings?: string[];
};

/** Trims, converts full-width characters to half-width (NFKC), removes inner spaces and upper-cases. */
export function normaliseUscc(input: string): string {
  if (/^[0-9A-Z]*$/.test(input)) {
    return input; // already normal: bulk imports take this path
  }
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Value (0–30) of each ASCII character in the USCC alphabet, -1 for the others. */
const USCC_VALUES = Int8Array.from({ length: 128 }, (_, code) => USCC_ALPHABET.indexOf(String.fromCharCode(code)));

function usccValue(char: string): number {
  if (char.length !== 1) {
    return USCC_ALPHABET.indexOf(char);
  }
  const code = char.charCodeAt(0);
  return code < 128 ? USCC_VALUES[code] : -1;
}

/** True when every UTF-16 unit of `text` is in the USCC alphabet. */
function isAllUsccAlphabet(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || USCC_VALUES[code] < 0) {
      return false;
    }
  }
  return true;
}

/** GB 11714 value of a character: digits 0–9, letters A=10 … Z=35; -1 otherwise. */
function orgCodeValue(char: string): number {
  const code = char.length === 1 ? char.charCodeAt(0) : -1;
  if (code >= 0x30 && code <= 0x39) {
    return code - 0x30;
  }
  if (code >= 0x41 && code <= 0x5a) {
    return code - 55;
  }
  return -1;
}

/**
 * The check character (position 18) for the first 17 characters: C18 = 31 − (Σ value×weight mod 31),
 * where 31 maps to '0'.
 * @throws validation_failed when the input is not 17 characters of the USCC alphabet.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17 || !isAllUsccAlphabet(first17)) {
    throw invalid([{ path: 'uscc', message: `前17位应为17个合法字符：${first17}` }]);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += usccValue(first17[i]) * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * The GB 11714 check character for an 8-character organisation-code body: 11 − (Σ mod 11),
 * where 10 → 'X' and 11 → '0'.
 * @throws validation_failed when the body is not 8 digits or letters.
 */
export function orgCodeCheckChar(body8: string): string {
  if (body8.length !== 8 || [...body8].some((char) => orgCodeValue(char) < 0)) {
    throw invalid([{ path: 'body8', message: `组织机构代码本体应为8位数字或字母：${body8}` }]);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += orgCodeValue(body8[i]) * ORG_CODE_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  if (check === 10) {
    return 'X';
  }
  return check === 11 ? '0' : String(check);
}

/** Validates a 统一社会信用代码 after {@link normaliseUscc}; see {@link UsccValidation}. */
export function validateUscc(input: string): UsccValidation {
  const code = normaliseUscc(input);
  const fail = (reason: string): UsccValidation => ({ code, valid: false, reason });
  if (code.length === 0) {
    return fail('统一社会信用代码不能为空');
  }
  if (code.length !== 18) {
    return fail(`长度应为18位，实际为${code.length}位`);
  }
  const badIndex = isAllUsccAlphabet(code) ? -1 : [...code].findIndex((char) => usccValue(char) < 0);
  if (badIndex >= 0) {
    return fail(`第${badIndex + 1}位含非法字符“${code[badIndex]}”`);
  }
  const department = USCC_DEPARTMENTS[code[0]];
  if (!department) {
    return fail(`第1位登记管理部门代码“${code[0]}”无效`);
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return fail('第3–8位登记管理机关行政区划码应为6位数字');
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) {
    return fail(`校验码应为“${expected}”，实际为“${code[17]}”`);
  }
  const warnings: string[] = [];
  if (!department.categories.includes(code[1])) {
    warnings.push(`第2位机构类别代码“${code[1]}”不在登记管理部门“${code[0]}”（${department.name}）的类别表中`);
  }
  const orgCheck = orgCodeCheckChar(code.slice(8, 16));
  if (orgCheck !== code[16]) {
    warnings.push(`主体标识码（组织机构代码）校验位应为“${orgCheck}”，实际为“${code[16]}”`);
  }
  return warnings.length > 0 ? { code, valid: true, warnings } : { code, valid: true };
}

/** Inputs of {@link makeUscc}. */
export type MakeUsccOptions = {
  /** Position 1, 登记管理部门码; default '9' (工商/市场监管). */
  registrationDept?: string;
  /** Position 2, 机构类别码; default '1' (企业). */
  orgCategory?: string;
  /** Positions 3–8: six-digit GB/T 2260 code of the registering authority. */
  regionCode: string;
  /** Positions 9–16: the organisation-code body, 8 characters of the USCC alphabet. */
  body8: string;
};

/**
 * Builds a valid code, computing the GB 11714 check character (position 17) and the USCC check
 * character (position 18). Used by the demo generator.
 * @throws validation_failed listing every malformed option.
 */
export function makeUscc(options: MakeUsccOptions): string {
  const dept = options.registrationDept ?? '9';
  const category = options.orgCategory ?? '1';
  const errors: FieldError[] = [];
  if (!USCC_DEPARTMENTS[dept]) {
    errors.push({ path: 'registrationDept', message: `登记管理部门代码“${dept}”无效` });
  }
  if (category.length !== 1 || usccValue(category) < 0) {
    errors.push({ path: 'orgCategory', message: `机构类别代码“${category}”无效` });
  }
  if (!/^\d{6}$/.test(options.regionCode)) {
    errors.push({ path: 'regionCode', message: `行政区划代码应为6位数字：${options.regionCode}` });
  }
  if (options.body8.length !== 8 || [...options.body8].some((char) => usccValue(char) < 0)) {
    errors.push({ path: 'body8', message: `主体标识码本体应为8个合法字符：${options.body8}` });
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const first17 = dept + category + options.regionCode + options.body8 + orgCodeCheckChar(options.body8);
  return first17 + usccCheckChar(first17);
}
