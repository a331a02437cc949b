import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, dailyInterestRate, dueDateOf, lateInterestFen, latenessFromTotals, latenessOf, lprOn, ruleVersionOn, screenContract, totalsOf,
  type ContractForScreen, type ContractTerms,
} from './ledger.rules.js';

// Worked cases written from the text of 保障中小企业款项支付条例 (2020: 国务院令第728号 §8, §9, §15;
// 2025: 国务院令第802号 §9, §10, §17). Days are calendar days.
const v2020: ContractTerms = { signedOn: '2021-03-01', buyerType: 'government', isSupplierSme: true, termDays: 0, acceptanceDays: null, settlementMode: 'delivery' };
const v2025: ContractTerms = { ...v2020, signedOn: '2025-06-01' };
const delivered = (deliveredOn: string, acceptedOn: string | null = null) => ({ deliveredOn, acceptedOn });

describe(ruleVersionOn.name, () => {
  it('picks the version in force on the signing date, none before 2020-09-01', () => {
    expect(ruleVersionOn('2020-08-31')).toBeUndefined();
    expect(ruleVersionOn('2020-09-01')?.key).toBe('2020');
    expect(ruleVersionOn('2025-05-31')?.key).toBe('2020');
    expect(ruleVersionOn('2025-06-01')?.key).toBe('2025');
  });
});

describe(`${dueDateOf.name} — 2020 text`, () => {
  it('§8: a government body pays within 30 days of delivery when no term is agreed', () => {
    const due = dueDateOf(v2020, delivered('2021-03-10'));
    expect(due.dueOn).toBe('2021-04-09');
    expect(due.dueBasis).toContain('第八条');
    expect(due.dueBasis).toContain('交付之日 2021-03-10');
  });

  it('§8: an agreed term of a government body counts, but never beyond 60 days', () => {
    expect(dueDateOf({ ...v2020, termDays: 45 }, delivered('2021-03-10')).dueOn).toBe('2021-04-24');
    const capped = dueDateOf({ ...v2020, termDays: 90 }, delivered('2021-03-10'));
    expect(capped.dueOn).toBe('2021-05-09');
    expect(capped.termDays).toBe(60);
    expect(capped.dueBasis).toContain('超过');
  });

  it('§8: a large enterprise pays by the agreed term (the 2020 text sets no number)', () => {
    expect(dueDateOf({ ...v2020, buyerType: 'large', termDays: 90 }, delivered('2021-03-10')).dueOn).toBe('2021-06-08');
    const none = dueDateOf({ ...v2020, buyerType: 'large' }, delivered('2021-03-10'));
    expect(none.dueOn).toBe('2021-05-09');
    expect(none.dueBasis).toContain('未规定天数');
  });

  it('§9: with acceptance as a condition the clock starts on acceptance within the agreed period', () => {
    const terms = { ...v2020, acceptanceDays: 15, settlementMode: 'acceptance' as const };
    const due = dueDateOf(terms, delivered('2021-03-10', '2021-03-20'));
    expect(due.dueOn).toBe('2021-04-19');
    expect(due.dueBasis).toContain('第九条');
  });

  it('§9: when the buyer delays acceptance the clock starts when the agreed period ends', () => {
    const terms = { ...v2020, acceptanceDays: 15, settlementMode: 'acceptance' as const };
    expect(dueDateOf(terms, delivered('2021-03-10', '2021-04-10')).dueOn).toBe('2021-04-24');
    const pending = dueDateOf(terms, delivered('2021-03-10'));
    expect(pending.startOn).toBe('2021-03-25');
    expect(pending.dueOn).toBe('2021-04-24');
  });

  it('§8: progress settlement starts when both sides confirm the amount', () => {
    const terms = { ...v2020, settlementMode: 'progress' as const, termDays: 30 };
    expect(dueDateOf(terms, delivered('2021-03-10', '2021-03-31')).dueOn).toBe('2021-04-30');
  });

  it('does not apply to contracts signed before 2020-09-01, to SME buyers or to large suppliers', () => {
    for (const terms of [{ ...v2020, signedOn: '2020-08-31', termDays: 90 }, { ...v2020, buyerType: 'other' as const, termDays: 90 }, { ...v2020, isSupplierSme: false, termDays: 90 }]) {
      const due = dueDateOf(terms, delivered('2021-03-10'));
      expect(due.dueOn).toBe('2021-06-08');
      expect(due.dueBasis).toContain('不适用');
    }
  });
});

describe(`${dueDateOf.name} — 2025 revision`, () => {
  it('§9: a large enterprise pays within 60 days of delivery when no term is agreed', () => {
    const due = dueDateOf({ ...v2025, buyerType: 'large' }, delivered('2025-06-10'));
    expect(due.dueOn).toBe('2025-08-09');
    expect(due.dueBasis).toContain('《条例》（2025）第九条');
  });

  it('§9: a government body: 30 days, at most 60 if agreed', () => {
    expect(dueDateOf(v2025, delivered('2025-06-10')).dueOn).toBe('2025-07-10');
    expect(dueDateOf({ ...v2025, termDays: 75 }, delivered('2025-06-10')).dueOn).toBe('2025-08-09');
  });

  it('§10: acceptance delayed by the buyer starts the clock at the end of the period', () => {
    const terms = { ...v2025, buyerType: 'large' as const, termDays: 60, acceptanceDays: 10, settlementMode: 'acceptance' as const };
    const due = dueDateOf(terms, delivered('2025-06-10', '2025-07-01'));
    expect(due.startOn).toBe('2025-06-20');
    expect(due.dueOn).toBe('2025-08-19');
    expect(due.dueBasis).toContain('第十条');
  });

  it('§10: with acceptance as a condition the clock starts on acceptance within the agreed period', () => {
    const terms = { ...v2025, buyerType: 'large' as const, termDays: 0, acceptanceDays: 10, settlementMode: 'acceptance' as const };
    const due = dueDateOf(terms, delivered('2025-06-10', '2025-06-15'));
    expect(due.startOn).toBe('2025-06-15');
    expect(due.dueOn).toBe('2025-08-14'); // 06-15 + the statutory 60 days of a large enterprise
    expect(due.dueBasis).toContain('《条例》（2025）第十条');
  });

  it('§9 ¶4: progress settlement starts when both sides confirm the amount; unconfirmed, at the end of the agreed confirmation period', () => {
    const terms = { ...v2025, buyerType: 'large' as const, settlementMode: 'progress' as const, termDays: 45, acceptanceDays: 20 };
    expect(dueDateOf(terms, delivered('2025-07-01', '2025-07-11')).dueOn).toBe('2025-08-25'); // 07-11 + 45
    const pending = dueDateOf(terms, delivered('2025-07-01'));
    expect(pending.startOn).toBe('2025-07-21');
    expect(pending.dueOn).toBe('2025-09-04');
    expect(pending.dueBasis).toContain('《条例》（2025）第九条');
  });

  it('a contract signed the day before the revision follows the 2020 text', () => {
    expect(dueDateOf({ ...v2025, signedOn: '2025-05-31', buyerType: 'large' }, delivered('2025-06-10')).dueBasis).toContain('（2020）');
  });
});

describe('late interest (2020 §15, 2025 §17)', () => {
  const rate = dailyInterestRate(ruleVersionOn('2025-06-01'), null);

  it('charges 0.05% a day on the overdue amount when no rate is agreed', () => {
    // 100,000.00 元 ten days late: 10,000,000 fen × 10 × 5/10000 = 50,000 fen (500 元).
    const l = latenessOf({ amountFen: 10_000_000n, dueOn: '2025-08-09', payments: [], asOf: '2025-08-19', rate });
    expect(l).toMatchObject({ daysLate: 10, interestFen: 50_000n, owedFen: 10_000_000n, isOverdue: true });
  });

  it('counts a late partial payment up to its date and the rest up to the day asked', () => {
    const l = latenessOf({ amountFen: 1_000_000n, dueOn: '2025-08-09', payments: [{ paidOn: '2025-08-19', amountFen: 400_000n }], asOf: '2025-08-29', rate });
    // 400,000 × 10 + 600,000 × 20 = 16,000,000 fen·days × 0.0005 = 8,000 fen.
    expect(l).toMatchObject({ daysLate: 20, interestFen: 8_000n, owedFen: 600_000n, paidFen: 400_000n });
  });

  it('uses the agreed annual rate (bp / 365 a day)', () => {
    const agreed = dailyInterestRate(ruleVersionOn('2025-06-01'), 365);
    expect(latenessOf({ amountFen: 1_000_000n, dueOn: '2025-08-09', payments: [], asOf: '2025-08-19', rate: agreed }).interestFen).toBe(1_000n);
  });

  it('rounds the exact total half up to whole fen, once', () => {
    expect(lateInterestFen(333n, rate)).toBe(0n); // 0.1665
    expect(lateInterestFen(1_000n, rate)).toBe(1n); // 0.5
    expect(lateInterestFen(999n, rate)).toBe(0n); // 0.4995
    expect(lateInterestFen(3_000n, rate)).toBe(2n); // 1.5
  });

  it('is zero when paid on the due date, and reports the days of a late final payment', () => {
    expect(latenessOf({ amountFen: 500n, dueOn: '2025-08-09', payments: [{ paidOn: '2025-08-09', amountFen: 500n }], asOf: '2025-12-31', rate })).toMatchObject({ daysLate: 0, interestFen: 0n, isOverdue: false });
    expect(latenessOf({ amountFen: 500n, dueOn: '2025-08-09', payments: [{ paidOn: '2025-08-12', amountFen: 500n }], asOf: '2025-12-31', rate }).daysLate).toBe(3);
  });

  it('from stored totals equals the sum over payments, whatever the payments', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ day: fc.integer({ min: 0, max: 400 }), amount: fc.integer({ min: 1, max: 1_000_000 }) }), { maxLength: 8 }),
      fc.integer({ min: 0, max: 500 }),
      (payments, asOfDay) => {
        const facts = payments.map((p) => ({ paidOn: addDays('2025-01-01', p.day), amountFen: BigInt(p.amount) }));
        const amountFen = facts.reduce((s, p) => s + p.amountFen, 0n) + 1n;
        const dueOn = '2025-03-01';
        const asOf = addDays('2025-01-01', asOfDay);
        const direct = latenessOf({ amountFen, dueOn, payments: facts, asOf, rate });
        expect(latenessFromTotals(totalsOf(amountFen, dueOn, facts), asOf, rate)).toEqual(direct);
        expect(direct.interestFen).toBeGreaterThanOrEqual(0n);
      },
    ));
  });
});

describe(screenContract.name, () => {
  const base: ContractForScreen = { ...v2025, buyerType: 'large', termDays: 60, lateInterestBp: null, clauses: [] };

  it('2025 §9 ¶2: flags a pay-when-paid clause as banned, citing the article', () => {
    const flags = screenContract({ ...base, clauses: ['甲方在收到业主付款后向乙方支付相应货款'] });
    expect(flags).toEqual([expect.objectContaining({ code: 'pay_when_paid', rule: '《条例》（2025）第九条第二款', severity: 'violation' })]);
  });

  it('2020: the same clause is a warning (the ban came with the revision)', () => {
    const flags = screenContract({ ...base, signedOn: '2024-01-10', clauses: ['按业主支付进度比例支付'] });
    expect(flags).toEqual([expect.objectContaining({ code: 'pay_when_paid', rule: '《条例》（2020）第八条', severity: 'warning' })]);
  });

  it('audit result as the settlement basis: 2025 §12 violation, 2020 §11 warning', () => {
    const clause = '以审计部门审计结果作为结算依据';
    expect(screenContract({ ...base, clauses: [clause] })[0]).toMatchObject({ code: 'audit_settlement', rule: '《条例》（2025）第十二条', severity: 'violation' });
    expect(screenContract({ ...base, signedOn: '2023-01-01', clauses: [clause] })[0]).toMatchObject({ rule: '《条例》（2020）第十一条', severity: 'warning' });
  });

  it('flags terms beyond the legal maximum: a violation for a government body, a warning for a large enterprise', () => {
    expect(screenContract({ ...base, buyerType: 'government', termDays: 90 })).toEqual([expect.objectContaining({ code: 'term_over_max', rule: '《条例》（2025）第九条', severity: 'violation' })]);
    expect(screenContract({ ...base, termDays: 120 })).toEqual([expect.objectContaining({ code: 'term_over_max', severity: 'warning' })]);
    expect(screenContract({ ...base, termDays: 60 })).toEqual([]);
  });

  it('flags an agreed late rate below the one-year LPR on the signing date (2025 §17)', () => {
    expect(lprOn('2025-06-01')).toBe(300);
    // The rows checked against the published history (data/SOURCES.md): the day of each change and the day before it.
    const changes: [string, number, number][] = [['2021-12-20', 385, 380], ['2022-01-20', 380, 370], ['2022-08-22', 370, 365], ['2023-06-20', 365, 355], ['2023-08-21', 355, 345], ['2024-07-22', 345, 335], ['2024-10-21', 335, 310], ['2025-05-20', 310, 300]];
    for (const [day, before, after] of changes) expect([lprOn(addDays(day, -1)), lprOn(day)]).toEqual([before, after]);
    expect(lprOn('2026-05-20')).toBe(300);
    expect(screenContract({ ...base, lateInterestBp: 200 })).toEqual([expect.objectContaining({ code: 'interest_below_lpr', rule: '《条例》（2025）第十七条' })]);
    expect(screenContract({ ...base, lateInterestBp: 300 })).toEqual([]);
  });

  it('flags acceptance as a condition without a period, internal-process excuses and cash-only deposits', () => {
    const codes = screenContract({ ...base, settlementMode: 'acceptance', clauses: ['付款须履行甲方内部审批流程', '履约保证金以现金方式缴纳'] }).map((f) => f.code);
    expect(codes).toEqual(['no_acceptance_period', 'internal_process', 'cash_deposit']);
  });

  it('says nothing when the regulation does not apply', () => {
    expect(screenContract({ ...base, buyerType: 'other', termDays: 180, clauses: ['背靠背'] })).toEqual([]);
    expect(screenContract({ ...base, isSupplierSme: false, termDays: 180 })).toEqual([]);
  });
});
