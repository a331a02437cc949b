/** Ledger rows → API shapes: explicit field lists. */
import type { ContractView, DeliveryView, LedgerRow, TermFlag } from '../../../contracts/capital.js';
import type { Lateness } from './ledger.rules.js';
import type { ContractRecord, DeliveryRecord, PaymentRecord } from './ledger.repo.js';

function parties(c: ContractRecord) {
  return {
    buyer: { uscc: c.buyerUscc, name: c.buyerName, regionCode: c.regionCode },
    supplier: { uscc: c.supplierUscc, name: c.supplierName, regionCode: c.supplierRegionCode },
  };
}

function latenessFields(d: DeliveryRecord, l: Lateness, asOf: string) {
  return {
    dueOn: d.dueOn, dueBasis: d.dueBasis, daysLate: l.daysLate, interestFen: Number(l.interestFen), owedFen: Number(l.owedFen), paidFen: Number(l.paidFen),
    isOverdue: l.isOverdue, asOf,
  };
}

/** A contract with its totals. */
export function presentContract(c: ContractRecord, totals: { overdueFen: bigint; interestFen: bigint }): ContractView {
  return {
    id: c.id, title: c.title, ...parties(c), buyerType: c.buyerType as ContractView['buyerType'], supplierSize: c.supplierSize, isSupplierSme: c.isSupplierSme,
    amountFen: Number(c.amountFen), termDays: c.termDays, acceptanceDays: c.acceptanceDays, settlementMode: c.settlementMode as ContractView['settlementMode'],
    lateInterestBp: c.lateInterestBp, clauses: c.clauses, flags: (c.flags as TermFlag[]).map((f) => ({ rule: f.rule, message: f.message, code: f.code, severity: f.severity })),
    signedOn: c.signedOn, ruleVersion: c.ruleVersion === 'none' ? null : c.ruleVersion, deliveredFen: Number(c.deliveredFen), paidFen: Number(c.paidFen),
    overdueFen: Number(totals.overdueFen), interestFen: Number(totals.interestFen), createdAt: c.createdAt.toISOString(),
  };
}

/** A delivery with its payments and lateness. */
export function presentDelivery(d: DeliveryRecord, payments: PaymentRecord[], l: Lateness, asOf: string): DeliveryView {
  return {
    id: d.id, contractId: d.contract.id, ...parties(d.contract), deliveredOn: d.deliveredOn, amountFen: Number(d.amountFen), invoicedOn: d.invoicedOn, acceptedOn: d.acceptedOn,
    ...latenessFields(d, l, asOf), payments: payments.map((p) => ({ id: p.id, paidOn: p.paidOn, amountFen: Number(p.amountFen), daysLate: p.daysLate })), voucherId: d.voucherId,
  };
}

/** A ledger row. */
export function presentLedgerRow(d: DeliveryRecord, l: Lateness, asOf: string): LedgerRow {
  return {
    id: d.id, contractId: d.contract.id, contractTitle: d.contract.title, ...parties(d.contract), deliveredOn: d.deliveredOn, amountFen: Number(d.amountFen),
    acceptedOn: d.acceptedOn, ...latenessFields(d, l, asOf),
  };
}
