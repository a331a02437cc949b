/**
 * 保障中小企业款项支付条例 as data: the 2020 text (国务院令第728号, in force 2020-09-01) and the
 * 2025 revision (国务院令第802号, in force 2025-06-01), chosen by the contract's signing date.
 * Pure functions: legal due dates, days late, late-payment interest in integer fen, and the
 * unfair-term screen. Sources and ✅/⚠️ marks: /work/shared/reference/policy-rules.md §4.
 * "日" is read as calendar days (❓ the conventional reading; the text does not say).
 */

/** The buyer's type under the regulation, fixed at signing: 机关/事业单位, 大型企业, or neither (regulation does not apply). */
export type BuyerType = 'government' | 'large' | 'other';
/** How the payment clock starts: at delivery, at acceptance (验收), or at confirmation of a progress settlement (进度结算). */
export type SettlementMode = 'delivery' | 'acceptance' | 'progress';
export type FlagSeverity = 'violation' | 'warning';

/** One version of the regulation with the figures and article numbers the rules use. */
export interface RuleVersion {
  key: '2020' | '2025';
  title: string;
  /** First day in force (business date); a contract signed on or after it follows this version. */
  effectiveFrom: string;
  /** 机关、事业单位: default term from delivery (✅). */
  governmentDefaultDays: number;
  /** 机关、事业单位: longest term a contract may agree (✅). */
  governmentMaxDays: number;
  /** 大型企业: term from delivery when the contract agrees none. 2025: 60 (✅); 2020: the text sets no number, so this is our configurable reading (⚠️). */
  largeDefaultDays: number;
  /** Whether {@link largeDefaultDays} is stated by the text (false: our reading). */
  isLargeDefaultStated: boolean;
  /** Terms of a large buyer above this are flagged (2025: "应当公平合理" beyond 60 days ✅; 2020: our threshold ⚠️). */
  largeReasonableDays: number;
  /** Default late interest when none is agreed: 万分之五 per day (✅ both versions). */
  defaultDailyInterest: { numerator: number; denominator: number };
  /** Is a pay-when-paid (背靠背) clause banned outright? 2025 §9 ¶2 ✅; 2020 no explicit ban. */
  isPayWhenPaidBanned: boolean;
  /** Can a contract make the audit result the settlement basis? 2020 §11 yes; 2025 §12 only law may (✅). */
  mayContractRequireAudit: boolean;
  /** Acceptance periods above this many days are flagged as possibly unreasonable (⚠️ our threshold; the text says only "明确、合理"). */
  acceptanceReasonableDays: number;
  /** Article numbers in this version. */
  articles: { deadline: string; acceptance: string; nonCash: string; audit: string; deposits: string; excuses: string; interest: string };
}

/** The versions, oldest first. Add a row when the regulation changes again. */
export const RULE_VERSIONS: readonly RuleVersion[] = [
  {
    key: '2020',
    title: '保障中小企业款项支付条例（2020年，国务院令第728号）',
    effectiveFrom: '2020-09-01',
    governmentDefaultDays: 30,
    governmentMaxDays: 60,
    largeDefaultDays: 60,
    isLargeDefaultStated: false,
    largeReasonableDays: 60,
    defaultDailyInterest: { numerator: 5, denominator: 10_000 },
    isPayWhenPaidBanned: false,
    mayContractRequireAudit: true,
    acceptanceReasonableDays: 30,
    articles: { deadline: '第八条', acceptance: '第九条', nonCash: '第十条', audit: '第十一条', deposits: '第十二条', excuses: '第十三条', interest: '第十五条' },
  },
  {
    key: '2025',
    title: '保障中小企业款项支付条例（2025年修订，国务院令第802号）',
    effectiveFrom: '2025-06-01',
    governmentDefaultDays: 30,
    governmentMaxDays: 60,
    largeDefaultDays: 60,
    isLargeDefaultStated: true,
    largeReasonableDays: 60,
    defaultDailyInterest: { numerator: 5, denominator: 10_000 },
    isPayWhenPaidBanned: true,
    mayContractRequireAudit: false,
    acceptanceReasonableDays: 30,
    articles: { deadline: '第九条', acceptance: '第十条', nonCash: '第十一条', audit: '第十二条', deposits: '第十三条', excuses: '第十四条', interest: '第十七条' },
  },
];

/**
 * One-year LPR (贷款市场报价利率) in basis points by the date it was announced (the National Interbank
 * Funding Center, chinamoney.com.cn, publishes it on the 20th). Checked 2026-11-28 against a published
 * monthly history (data/SOURCES.md, "One-year LPR"): every change from 2021-12-20 to 2026-05-20 agrees,
 * and 3.00 % has held since 2025-05-20. ⚠️ The four rows before 2021-12-20 were not covered by that
 * history and remain unverified; check them against chinamoney.com.cn before relying on them, and
 * extend the table as new announcements come out.
 */
export const ONE_YEAR_LPR_BP: readonly { from: string; bp: number }[] = [
  { from: '2019-08-20', bp: 425 },
  { from: '2019-11-20', bp: 415 },
  { from: '2020-02-20', bp: 405 },
  { from: '2020-04-20', bp: 385 },
  { from: '2021-12-20', bp: 380 },
  { from: '2022-01-20', bp: 370 },
  { from: '2022-08-22', bp: 365 },
  { from: '2023-06-20', bp: 355 },
  { from: '2023-08-21', bp: 345 },
  { from: '2024-07-22', bp: 335 },
  { from: '2024-10-21', bp: 310 },
  { from: '2025-05-20', bp: 300 },
];

/** The version in force on a signing date, or undefined before 2020-09-01 (the regulation did not exist). */
export function ruleVersionOn(signedOn: string): RuleVersion | undefined {
  let found: RuleVersion | undefined;
  for (const v of RULE_VERSIONS) if (v.effectiveFrom <= signedOn) found = v;
  return found;
}

/** One-year LPR in force on a date (bp), or undefined before the table starts. */
export function lprOn(date: string): number | undefined {
  let found: number | undefined;
  for (const row of ONE_YEAR_LPR_BP) if (row.from <= date) found = row.bp;
  return found;
}

const DAY_MS = 86_400_000;

/** A calendar date plus `days` (YYYY-MM-DD, no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** What the due-date rules need of a contract. */
export interface ContractTerms {
  signedOn: string;
  buyerType: BuyerType;
  isSupplierSme: boolean;
  /** Agreed payment term in days; 0 when none was agreed. */
  termDays: number;
  /** Agreed acceptance (检验/验收) period in days, or null when acceptance is not a payment condition. */
  acceptanceDays: number | null;
  settlementMode: SettlementMode;
}

/** The legal due date and why. */
export interface DueDate {
  dueOn: string;
  /** The sentence shown to users: start of the clock, the term and the rule. */
  dueBasis: string;
  startOn: string;
  termDays: number;
  ruleVersion: RuleVersion['key'] | null;
}

function versionShort(v: RuleVersion): string {
  return `《条例》（${v.key}）`;
}

/**
 * The legal due date of a delivery under the rules in force on the signing date.
 * Clock: delivery (交付之日); with acceptance as a condition, the acceptance date, or when the buyer
 * delays, the end of the agreed acceptance period (2020 §9 / 2025 §10); for progress settlement,
 * the date both sides confirm the amount (2020 §8 / 2025 §9 ¶4, confirmation recorded as `acceptedOn`).
 * Term: 机关/事业单位 30 days, at most 60 if agreed; 大型企业 as agreed, 60 when none (2025 ✅; 2020 ⚠️).
 */
export function dueDateOf(terms: ContractTerms, delivery: { deliveredOn: string; acceptedOn: string | null }): DueDate {
  const version = ruleVersionOn(terms.signedOn);
  const isApplicable = version !== undefined && terms.buyerType !== 'other' && terms.isSupplierSme;
  const article = version ? `${versionShort(version)}${version.articles.acceptance}` : '';

  let startOn = delivery.deliveredOn;
  let startText = `交付之日 ${delivery.deliveredOn}`;
  if (terms.settlementMode === 'progress') {
    if (delivery.acceptedOn) {
      startOn = delivery.acceptedOn;
      startText = `双方确认结算金额之日 ${delivery.acceptedOn}`;
    } else if (terms.acceptanceDays !== null) {
      startOn = addDays(delivery.deliveredOn, terms.acceptanceDays);
      startText = `约定的结算确认期限届满之日 ${startOn}（尚未确认结算金额）`;
    } else {
      startText = `交付之日 ${delivery.deliveredOn}（尚未确认结算金额，暂按交付日）`;
    }
  } else if (terms.acceptanceDays !== null) {
    const deemedOn = addDays(delivery.deliveredOn, terms.acceptanceDays);
    if (delivery.acceptedOn && delivery.acceptedOn <= deemedOn) {
      startOn = delivery.acceptedOn;
      startText = `检验或验收合格之日 ${delivery.acceptedOn}${isApplicable ? `（${article}）` : ''}`;
    } else {
      startOn = deemedOn;
      startText = delivery.acceptedOn
        ? `约定的验收期限（${terms.acceptanceDays}日）届满之日 ${deemedOn}：买方拖延验收，自期满之日起算${isApplicable ? `（${article}）` : ''}`
        : `约定的验收期限（${terms.acceptanceDays}日）届满之日 ${deemedOn}（尚未验收，视同期满起算${isApplicable ? `，${article}` : ''}）`;
    }
  }

  if (!version || !isApplicable) {
    const why = !version ? '签订日早于《条例》施行（2020-09-01）' : terms.buyerType === 'other' ? '买方不是机关、事业单位或大型企业' : '供方签约时不是中小企业';
    return { dueOn: addDays(startOn, terms.termDays), dueBasis: `${startText}起 ${terms.termDays} 日（按合同约定；${why}，《条例》付款期限规定不适用）`, startOn, termDays: terms.termDays, ruleVersion: version?.key ?? null };
  }

  const deadline = `${versionShort(version)}${version.articles.deadline}`;
  let termDays: number;
  let termText: string;
  if (terms.buyerType === 'government') {
    if (terms.termDays === 0) {
      termDays = version.governmentDefaultDays;
      termText = `机关、事业单位应自交付之日起 ${termDays} 日内支付（${deadline}）`;
    } else if (terms.termDays > version.governmentMaxDays) {
      termDays = version.governmentMaxDays;
      termText = `合同约定 ${terms.termDays} 日超过机关、事业单位的法定上限，按 ${termDays} 日计（${deadline}）`;
    } else {
      termDays = terms.termDays;
      termText = `合同约定 ${termDays} 日（机关、事业单位约定期限最长 ${version.governmentMaxDays} 日，${deadline}）`;
    }
  } else if (terms.termDays === 0) {
    termDays = version.largeDefaultDays;
    termText = version.isLargeDefaultStated
      ? `大型企业应自交付之日起 ${termDays} 日内支付（${deadline}）`
      : `合同未约定付款期限，按 ${termDays} 日计（${deadline}只要求合理约定并及时支付，未规定天数；此默认值为平台可配置的解释）`;
  } else {
    termDays = terms.termDays;
    termText = `合同约定 ${termDays} 日（大型企业${version.isLargeDefaultStated ? `法定 ${version.largeDefaultDays} 日，另有约定须公平合理` : '按行业规范、交易习惯合理约定'}，${deadline}）`;
  }
  return { dueOn: addDays(startOn, termDays), dueBasis: `${startText}起，${termText}`, startOn, termDays, ruleVersion: version.key };
}

/** A payment as the interest rules see it. */
export interface PaymentFact {
  paidOn: string;
  amountFen: bigint;
}

/** Lateness and interest of a delivery as of a date. */
export interface Lateness {
  owedFen: bigint;
  paidFen: bigint;
  /** Days past the due date: of the unpaid rest as of `asOf`, else of the last payment (0 when on time). */
  daysLate: number;
  /** Late-payment interest owed, integer fen, rounded half up once on the exact total (see {@link lateInterestFen}). */
  interestFen: bigint;
  /** Amount × days late summed over late payments and the overdue unpaid rest (fen·days). */
  lateFenDays: bigint;
  isOverdue: boolean;
}

/** The daily late-interest rate as a fraction: the agreed annual rate in bp / 365, else the rule's default (万分之五 per day). */
export function dailyInterestRate(version: RuleVersion | undefined, agreedBpPerYear: number | null): { numerator: bigint; denominator: bigint } {
  if (agreedBpPerYear !== null) return { numerator: BigInt(agreedBpPerYear), denominator: 10_000n * 365n };
  const rate = (version ?? RULE_VERSIONS[RULE_VERSIONS.length - 1]).defaultDailyInterest;
  return { numerator: BigInt(rate.numerator), denominator: BigInt(rate.denominator) };
}

/** fen·days × daily rate, rounded half up to whole fen (one rounding on the exact total, never per day). */
export function lateInterestFen(lateFenDays: bigint, rate: { numerator: bigint; denominator: bigint }): bigint {
  return (2n * lateFenDays * rate.numerator + rate.denominator) / (2n * rate.denominator);
}

/** What {@link latenessFromTotals} reads: a delivery's stored totals. */
export interface DeliveryTotals {
  amountFen: bigint;
  paidFen: bigint;
  lastPaidOn: string | null;
  /** Σ amount × days late of the payments made after the due date (fen·days). */
  latePaidFenDays: bigint;
  dueOn: string;
}

/**
 * Days late and interest from a delivery's totals: the late payments' fen·days plus the unpaid
 * rest × days from the day after `dueOn` to `asOf`; interest = fen·days × daily rate (§15/§17).
 */
export function latenessFromTotals(d: DeliveryTotals, asOf: string, rate: { numerator: bigint; denominator: bigint }): Lateness {
  const owedFen = d.amountFen - d.paidFen;
  const openDays = Math.max(0, daysBetween(d.dueOn, asOf));
  const lateFenDays = d.latePaidFenDays + (owedFen > 0n ? owedFen * BigInt(openDays) : 0n);
  const daysLate = owedFen > 0n ? openDays : d.lastPaidOn ? Math.max(0, daysBetween(d.dueOn, d.lastPaidOn)) : 0;
  return { owedFen, paidFen: d.paidFen, daysLate, interestFen: lateInterestFen(lateFenDays, rate), lateFenDays, isOverdue: owedFen > 0n && openDays > 0 };
}

/** The totals of a delivery from its payments, each payment late by its days after `dueOn`. */
export function totalsOf(amountFen: bigint, dueOn: string, payments: readonly PaymentFact[]): DeliveryTotals {
  let paidFen = 0n;
  let latePaidFenDays = 0n;
  let lastPaidOn: string | null = null;
  for (const p of payments) {
    paidFen += p.amountFen;
    latePaidFenDays += p.amountFen * BigInt(Math.max(0, daysBetween(dueOn, p.paidOn)));
    if (!lastPaidOn || p.paidOn > lastPaidOn) lastPaidOn = p.paidOn;
  }
  return { amountFen, paidFen, lastPaidOn, latePaidFenDays, dueOn };
}

/** {@link latenessFromTotals} over a list of payments. */
export function latenessOf(input: { amountFen: bigint; dueOn: string; payments: readonly PaymentFact[]; asOf: string; rate: { numerator: bigint; denominator: bigint } }): Lateness {
  return latenessFromTotals(totalsOf(input.amountFen, input.dueOn, input.payments), input.asOf, input.rate);
}

/** A term the screen found, with the rule cited. */
export interface TermFlag {
  /** Stable code of the check. */
  code: string;
  /** The rule cited, e.g. 《条例》（2025）第九条. */
  rule: string;
  message: string;
  severity: FlagSeverity;
}

/** What the unfair-term screen reads: the contract terms and its free-text clauses. */
export interface ContractForScreen extends ContractTerms {
  lateInterestBp: number | null;
  clauses: readonly string[];
}

/** Clause patterns (Chinese contract wording, some English), our judgement of how the banned terms are usually written. */
const CLAUSE_CHECKS: readonly { code: string; pattern: RegExp }[] = [
  { code: 'pay_when_paid', pattern: /背靠背|pay[- ]when[- ]paid|back[- ]to[- ]back|(收到|取得|获得).{0,12}(业主|甲方客户|第三方|上游|发包方|建设单位).{0,8}(款|付款|资金)|(业主|第三方|上游|建设单位).{0,10}(支付|付款|回款).{0,6}(后|比例)|按.{0,10}(回款|到账).{0,4}比例/i },
  { code: 'audit_settlement', pattern: /(审计|决算).{0,12}(结果|报告|审定)?.{0,10}(作为|为).{0,6}(结算|付款)|以.{0,6}审计.{0,10}(结算|付款)/ },
  { code: 'forced_bill', pattern: /商业汇票|承兑汇票|商票|应收账款电子凭证|电子债权凭证|云信|供应链票据/ },
  { code: 'cash_deposit', pattern: /(现金|转账).{0,6}(方式)?.{0,4}(缴纳|交纳|支付)?.{0,6}保证金|保证金.{0,10}(现金|不接受.{0,6}保函)/ },
  { code: 'other_deposit', pattern: /(质量保修金|押金|诚意金|预留金|风险金|履约押金)/ },
  { code: 'completion_filing', pattern: /竣工验收(批复|备案)|决算审计(完成|结束)?后/ },
  { code: 'internal_process', pattern: /内部(审批|付款)?(流程|程序|审批)|法定代表人.{0,6}变更|主要负责人.{0,6}变更|人员变更/ },
];

function clauseFlag(v: RuleVersion, code: string): TermFlag | undefined {
  const a = v.articles;
  const s = versionShort(v);
  switch (code) {
    case 'pay_when_paid':
      return v.isPayWhenPaidBanned
        ? { code, rule: `${s}${a.deadline}第二款`, severity: 'violation', message: '大型企业不得以收到第三方付款作为向中小企业支付款项的条件，或按照第三方付款进度比例支付（背靠背条款）' }
        : { code, rule: `${s}${a.deadline}`, severity: 'warning', message: '背靠背付款条款使付款期限不确定，不符合"合理约定付款期限并及时支付"的要求（2025年修订后明令禁止）' };
    case 'audit_settlement':
      return v.mayContractRequireAudit
        ? { code, rule: `${s}${a.audit}`, severity: 'warning', message: '以审计结果作为结算依据：须在合同中明确约定，机关、事业单位和国有大型企业不得强制要求' }
        : { code, rule: `${s}${a.audit}`, severity: 'violation', message: '除法律、行政法规另有规定外，不得要求以审计机关的审计结果作为结算依据（合同约定不再构成例外）' };
    case 'forced_bill':
      return { code, rule: `${s}${a.nonCash}`, severity: 'warning', message: `使用${v.key === '2025' ? '商业汇票、应收账款电子凭证等' : '商业汇票等'}非现金支付方式须明确约定，不得强制接受，不得利用其变相延长付款期限` };
    case 'cash_deposit':
      return { code, rule: `${s}${a.deposits}`, severity: 'violation', message: '工程建设中不得限定以现金方式缴纳保证金，应允许以银行保函等方式提供' };
    case 'other_deposit':
      return { code, rule: `${s}${a.deposits}`, severity: 'warning', message: '工程建设中只能收取投标、履约、工程质量和农民工工资保证金，其他保证金不得收取' };
    case 'completion_filing':
      return { code, rule: `${s}${a.excuses}`, severity: 'warning', message: `未约定时，不得以等待竣工验收${v.key === '2025' ? '备案' : '批复'}、决算审计等为由拒绝或迟延支付` };
    case 'internal_process':
      return { code, rule: `${s}${a.excuses}`, severity: 'violation', message: '不得以法定代表人或主要负责人变更、履行内部付款流程等为由拒绝或迟延支付' };
    default:
      return undefined;
  }
}

/**
 * Screen a contract at entry: terms the regulation forbids or limits, each with the rule cited.
 * Nothing when the regulation does not apply (buyer not 机关/事业单位/大型企业, supplier not an SME,
 * or signed before 2020-09-01). `violation`: the text forbids it; `warning`: the text limits it
 * or our threshold (⚠️, configurable in {@link RULE_VERSIONS}) is crossed.
 */
export function screenContract(c: ContractForScreen): TermFlag[] {
  const v = ruleVersionOn(c.signedOn);
  if (!v || c.buyerType === 'other' || !c.isSupplierSme) return [];
  const s = versionShort(v);
  const flags: TermFlag[] = [];
  const deadline = `${s}${v.articles.deadline}`;
  if (c.termDays === 0) {
    flags.push({ code: 'no_term', rule: deadline, severity: 'warning', message: `合同未约定付款期限：按${c.buyerType === 'government' ? `机关、事业单位法定 ${v.governmentDefaultDays} 日` : `${v.largeDefaultDays} 日`}计算到期日` });
  } else if (c.buyerType === 'government' && c.termDays > v.governmentMaxDays) {
    flags.push({ code: 'term_over_max', rule: deadline, severity: 'violation', message: `机关、事业单位约定的付款期限最长不得超过 ${v.governmentMaxDays} 日（合同约定 ${c.termDays} 日）` });
  } else if (c.buyerType === 'large' && c.termDays > v.largeReasonableDays) {
    flags.push({
      code: 'term_over_max', rule: deadline, severity: 'warning',
      message: v.isLargeDefaultStated
        ? `大型企业法定付款期限为交付之日起 ${v.largeDefaultDays} 日，合同约定 ${c.termDays} 日须公平合理，不得利用优势地位`
        : `付款期限 ${c.termDays} 日超过 ${v.largeReasonableDays} 日，须符合行业规范和交易习惯（此阈值为平台可配置的判断）`,
    });
  }
  if (c.settlementMode === 'acceptance' && c.acceptanceDays === null) {
    flags.push({ code: 'no_acceptance_period', rule: `${s}${v.articles.acceptance}`, severity: 'violation', message: '以检验或验收合格作为付款条件的，应当在合同中明确约定检验或验收期限' });
  } else if (c.acceptanceDays !== null && c.acceptanceDays > v.acceptanceReasonableDays) {
    flags.push({ code: 'long_acceptance_period', rule: `${s}${v.articles.acceptance}`, severity: 'warning', message: `验收期限 ${c.acceptanceDays} 日较长，应当明确、合理（超过 ${v.acceptanceReasonableDays} 日提示，平台可配置的判断）` });
  }
  if (c.lateInterestBp !== null) {
    const lpr = lprOn(c.signedOn);
    if (lpr !== undefined && c.lateInterestBp < lpr) {
      flags.push({ code: 'interest_below_lpr', rule: `${s}${v.articles.interest}`, severity: 'violation', message: `约定的逾期利息年利率 ${(c.lateInterestBp / 100).toFixed(2)}% 低于签订日一年期LPR ${(lpr / 100).toFixed(2)}%` });
    }
  }
  const seen = new Set<string>();
  for (const clause of c.clauses) {
    for (const check of CLAUSE_CHECKS) {
      if (seen.has(check.code) || !check.pattern.test(clause)) continue;
      seen.add(check.code);
      const flag = clauseFlag(v, check.code);
      if (flag) flags.push({ ...flag, message: `${flag.message}：「${clause.length > 40 ? `${clause.slice(0, 40)}…` : clause}」` });
    }
  }
  return flags;
}
