import { z } from 'zod';
import { BusinessDate, PageQuery, Uscc } from './common.js';

/** Largest amount accepted, fen (10^15 fen = 10 万亿元): keeps sums far inside bigint and JS safe integers. */
export const AMOUNT_FEN_MAX = 1_000_000_000_000_000;
export const TERM_DAYS_MAX = 3650;
export const CLAUSES_MAX = 30;
export const CLAUSE_MAX = 500;
export const SPLIT_PARTS_MAX = 20;

/** Integer fen > 0. */
export const AmountFen = z.number().int('金额须为整数（分）').positive('金额须大于0').max(AMOUNT_FEN_MAX).describe('Amount in integer fen (分).');
/** A business date (Asia/Shanghai). */
export const BusinessDay = BusinessDate;

export const BUYER_TYPES = ['government', 'large', 'other'] as const;
export const BuyerType = z.enum(BUYER_TYPES).describe('机关/事业单位 (organisation kind `government`), 大型企业 (registry size `large`), or other (the regulation does not apply).');
export type BuyerType = z.infer<typeof BuyerType>;
export const SETTLEMENT_MODES = ['delivery', 'acceptance', 'progress'] as const;
export const SettlementMode = z.enum(SETTLEMENT_MODES).describe('Clock starts at delivery, at acceptance (验收), or at confirmation of a progress settlement (进度结算).');
export type SettlementMode = z.infer<typeof SettlementMode>;

/** Body of `POST /api/v1/contracts`. */
export const CreateContractBody = z.object({
  buyerUscc: Uscc.describe('The buyer (payer).'),
  supplierUscc: Uscc.describe('The supplier (payee).'),
  amountFen: AmountFen,
  termDays: z.number().int('天数须为整数').min(0).max(TERM_DAYS_MAX).describe('Agreed payment term in days from the start of the clock; 0 = none agreed.'),
  signedOn: BusinessDay.describe('Signing date; picks the rules version and fixes both parties’ status.'),
  acceptanceDays: z.number().int('天数须为整数').min(0).max(TERM_DAYS_MAX).optional().describe('Agreed acceptance period (检验/验收期限); acceptance is then a payment condition.'),
  clauses: z.array(z.string().trim().min(1).max(CLAUSE_MAX)).max(CLAUSES_MAX).optional().describe('Payment clauses as written, screened for unfair terms.'),
  title: z.string().trim().max(100).optional().describe('Contract name.'),
  settlementMode: SettlementMode.optional().describe('Default: `acceptance` when `acceptanceDays` is given, else `delivery`.'),
  lateInterestBp: z.number().int().min(0).max(100_000).optional().describe('Agreed late-payment interest, basis points per year; default the rule’s 0.05% per day.'),
});
export type CreateContractBody = z.infer<typeof CreateContractBody>;

/** A flagged term, with the rule cited. */
export const TermFlag = z.object({
  rule: z.string().describe('The rule cited, e.g. 《条例》（2025）第九条第二款.'),
  message: z.string(),
  code: z.string().describe('Stable code of the check (term_over_max, pay_when_paid, audit_settlement, …).'),
  severity: z.enum(['violation', 'warning']).describe('violation: the text forbids it; warning: the text limits it, or our configurable threshold is crossed.'),
});
export type TermFlag = z.infer<typeof TermFlag>;

export const CreateContractResult = z.object({ id: z.string(), flags: z.array(TermFlag) });

const Party = z.object({ uscc: z.string(), name: z.string(), regionCode: z.string() });

/** Lateness figures of a delivery as of `asOf`. */
const LatenessFields = {
  dueOn: z.string().describe('Legal due date (business date).'),
  dueBasis: z.string().describe('Why: start of the clock, term and the rule cited.'),
  daysLate: z.number().int().describe('Days past the due date of the unpaid rest as of `asOf`, else of the last payment; 0 when on time.'),
  interestFen: z.number().int().describe('Late-payment interest owed, integer fen (exact total rounded half up once).'),
  owedFen: z.number().int(),
  paidFen: z.number().int(),
  isOverdue: z.boolean(),
  asOf: z.string(),
};

export const DeliveryView = z.object({
  id: z.string(),
  contractId: z.string(),
  buyer: Party,
  supplier: Party,
  deliveredOn: z.string(),
  amountFen: z.number().int(),
  invoicedOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  ...LatenessFields,
  payments: z.array(z.object({ id: z.string(), paidOn: z.string(), amountFen: z.number().int(), daysLate: z.number().int() })),
  voucherId: z.string().nullable().describe('The confirmed voucher of this delivery, if any.'),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const ContractView = z.object({
  id: z.string(),
  title: z.string(),
  buyer: Party,
  supplier: Party,
  buyerType: BuyerType,
  supplierSize: z.string().nullable(),
  isSupplierSme: z.boolean(),
  amountFen: z.number().int(),
  termDays: z.number().int(),
  acceptanceDays: z.number().int().nullable(),
  settlementMode: SettlementMode,
  lateInterestBp: z.number().int().nullable(),
  clauses: z.array(z.string()),
  flags: z.array(TermFlag),
  signedOn: z.string(),
  ruleVersion: z.string().nullable(),
  deliveredFen: z.number().int(),
  paidFen: z.number().int(),
  overdueFen: z.number().int().describe('Unpaid amount past its due date as of today.'),
  interestFen: z.number().int(),
  createdAt: z.string(),
});
export type ContractView = z.infer<typeof ContractView>;

/** One row of the ledger (a delivery with its contract's parties). */
export const LedgerRow = z.object({
  id: z.string(),
  contractId: z.string(),
  contractTitle: z.string(),
  buyer: Party,
  supplier: Party,
  deliveredOn: z.string(),
  amountFen: z.number().int(),
  acceptedOn: z.string().nullable(),
  ...LatenessFields,
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const LedgerQuery = PageQuery.extend({
  side: z.enum(['buyer', 'supplier']).optional().describe('member: the caller’s enterprise as buyer or as supplier (default both).'),
  status: z.enum(['open', 'overdue', 'paid']).optional(),
  contractId: z.string().regex(/^\d{1,18}$/).optional(),
  asOf: BusinessDay.optional().describe('Compute lateness as of this date (default today, Asia/Shanghai).'),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const ListContractsQuery = PageQuery.extend({ side: z.enum(['buyer', 'supplier']).optional() });
export type ListContractsQuery = z.infer<typeof ListContractsQuery>;

export const CreateDeliveryBody = z.object({
  deliveredOn: BusinessDay,
  amountFen: AmountFen,
  invoicedOn: BusinessDay.optional().describe('Invoice date (开票日), for the record.'),
});
export type CreateDeliveryBody = z.infer<typeof CreateDeliveryBody>;
export const AcceptDeliveryBody = z.object({ acceptedOn: BusinessDay.describe('Date acceptance was passed (or, for progress settlement, the amount confirmed).') });
export type AcceptDeliveryBody = z.infer<typeof AcceptDeliveryBody>;
export const CreatePaymentBody = z.object({ paidOn: BusinessDay, amountFen: AmountFen });
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;
export const DeliveryQuery = z.object({ asOf: BusinessDay.optional().describe('Compute lateness as of this date (default today, Asia/Shanghai).') });

/** Rules versions as data, for the UI and docs. */
export const RuleVersionView = z.object({
  key: z.string(),
  title: z.string(),
  effectiveFrom: z.string(),
  governmentDefaultDays: z.number(),
  governmentMaxDays: z.number(),
  largeDefaultDays: z.number(),
  isLargeDefaultStated: z.boolean(),
  isPayWhenPaidBanned: z.boolean(),
  mayContractRequireAudit: z.boolean(),
});

// ---- vouchers ----

export const VOUCHER_STATUSES = ['held', 'split', 'transferred', 'financed'] as const;
export const VoucherStatus = z.enum(VOUCHER_STATUSES);
export type VoucherStatus = z.infer<typeof VoucherStatus>;

export const ConfirmVoucherBody = z.object({ deliveryId: z.string().regex(/^\d{1,18}$/, '交付记录编号无效') });
export const SplitVoucherBody = z.object({ parts: z.array(AmountFen).min(2, '至少拆分为两部分').max(SPLIT_PARTS_MAX) });
export type SplitVoucherBody = z.infer<typeof SplitVoucherBody>;
export const TransferVoucherBody = z.object({ toUscc: Uscc.describe('The new holder (e.g. the holder’s own supplier).') });
export const FinanceVoucherBody = z.object({ bankUscc: Uscc.describe('The bank (an organisation of kind `bank`).') });

export const VoucherView = z.object({
  id: z.string(),
  rootId: z.string(),
  parentId: z.string().nullable(),
  amountFen: z.number().int(),
  settledFen: z.number().int().describe('Paid to this part (its holder, or its bank when financed) out of the obligor’s payments so far; pro rata across the current parts (docs/adr/0019).'),
  dueOn: z.string(),
  status: VoucherStatus,
  origin: z.enum(['confirmation', 'split', 'transfer']),
  obligor: Party,
  holder: Party,
  bank: Party.nullable(),
  deliveryId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VoucherView = z.infer<typeof VoucherView>;

export const ListVouchersQuery = PageQuery.extend({
  status: VoucherStatus.optional(),
  rootId: z.string().regex(/^\d{1,18}$/).optional().describe('All parts of one confirmed voucher.'),
});
export type ListVouchersQuery = z.infer<typeof ListVouchersQuery>;

// ---- payment practice (item 4) ----

/** A half-year, e.g. 2026H1 (1 January – 30 June) or 2026H2. */
export const HalfYear = z.string().regex(/^\d{4}H[12]$/, '半年度格式应为 2026H1 或 2026H2').describe('Half-year, e.g. 2026H1.');

/** Aggregates of one buyer's payment practice over the deliveries of a half-year. */
export const PracticeView = z.object({
  buyer: z.object({ uscc: z.string(), name: z.string(), regionCode: z.string() }),
  half: z.string(),
  from: z.string(),
  to: z.string().describe('Exclusive end date.'),
  deliveries: z.number().int().describe('Deliveries (invoices) made in the half-year.'),
  paid: z.number().int().describe('Of them, paid in full.'),
  avgDaysToPay: z.number().nullable().describe('Average days from invoice (else delivery) to the last payment, over those paid.'),
  sharePaidWithin30: z.number().nullable().describe('Share of the paid ones paid within 30 days (0–1).'),
  sharePaid31To60: z.number().nullable(),
  sharePaidOver60: z.number().nullable(),
  shareLate: z.number().nullable().describe('Share of all deliveries paid after the legal due date, or unpaid and past it.'),
  complaints: z.number().int().describe('Complaints (disputes) filed against the buyer in the half-year, rejected ones excluded.'),
  conductScore: z.number().int().nullable().describe('Payment-conduct score 0–100 from these figures (⚠️ our formula, see docs/adr/0019): 100 − 60 × share late − up to 20 for slow average payment − 5 per complaint (at most 20); null without deliveries.'),
});
export type PracticeView = z.infer<typeof PracticeView>;

export const PracticeQuery = z.object({ half: HalfYear, region: z.string().regex(/^\d{6}$/).optional().describe('gov/admin: buyers of this region subtree (default the caller’s scope).') });

// ---- complaints (item 3) ----

export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'rejected', 'resolved'] as const;
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;
export const COMPLAINT_VERBS = ['accept', 'reject', 'respond', 'extend', 'resolve'] as const;
export type ComplaintVerb = (typeof COMPLAINT_VERBS)[number];

export const CreateComplaintBody = z.object({
  deliveryId: z.string().regex(/^\d{1,18}$/, '交付记录编号无效'),
  description: z.string().trim().min(5, '请说明拖欠情况（至少5个字）').max(4000),
  evidence: z.array(z.string().trim().min(1).max(500)).max(20).optional().describe('Evidence: documents, delivery notes, invoices, correspondence (descriptions or links).'),
});
export type CreateComplaintBody = z.infer<typeof CreateComplaintBody>;
export const ComplaintActionBody = z.object({ text: z.string().trim().min(2, '请填写内容').max(4000).optional().describe('Reason (reject, extend), response (respond) or result (resolve); not needed for accept.') });

export const ComplaintView = z.object({
  id: z.string(),
  deliveryId: z.string(),
  contractTitle: z.string(),
  complainant: z.object({ uscc: z.string(), name: z.string() }),
  buyer: z.object({ uscc: z.string(), name: z.string(), regionCode: z.string() }),
  description: z.string(),
  evidence: z.array(z.string()),
  claimedFen: z.number().int().describe('Unpaid amount plus late interest when filed.'),
  status: ComplaintStatus,
  filedOn: z.string(),
  acceptDueOn: z.string(),
  acceptedOn: z.string().nullable(),
  resultDueOn: z.string().nullable(),
  isExtended: z.boolean(),
  buyerResponse: z.string().nullable(),
  outcome: z.string().nullable(),
  closedOn: z.string().nullable(),
  isPastDeadline: z.boolean().describe('Acceptance or result is past its deadline today.'),
});
export type ComplaintView = z.infer<typeof ComplaintView>;
export const ListComplaintsQuery = PageQuery.extend({ status: ComplaintStatus.optional() });
export type ListComplaintsQuery = z.infer<typeof ListComplaintsQuery>;

// ---- financing (item 6, first part) ----

export const FINANCING_KINDS = ['receivable', 'order', 'warehouse_receipt', 'inventory', 'credit_loan', 'tax_loan'] as const;
export const FinancingKind = z.enum(FINANCING_KINDS).describe('应收账款 (a held voucher part), 订单, 仓单, 存货, 信用贷款, 税易贷 (the last two from bank products).');
export type FinancingKind = z.infer<typeof FinancingKind>;

export const CreateFinancingRequestBody = z.object({
  kind: FinancingKind,
  voucherId: z.string().regex(/^\d{1,18}$/).optional().describe('Required for `receivable`: a voucher part the applicant holds.'),
  amountFen: AmountFen,
  termDays: z.number().int().min(1).max(3650),
  bankUscc: Uscc.optional().describe('Address one bank; omit to open the request to all banks.'),
  description: z.string().trim().max(2000).optional(),
});
export type CreateFinancingRequestBody = z.infer<typeof CreateFinancingRequestBody>;

export const CreateFinancingOfferBody = z.object({
  rateBp: z.number().int().min(1).max(10_000).describe('Annual rate in basis points.'),
  amountFen: AmountFen,
  termDays: z.number().int().min(1).max(3650),
});
export type CreateFinancingOfferBody = z.infer<typeof CreateFinancingOfferBody>;

export const FinancingOfferView = z.object({
  id: z.string(),
  bank: z.object({ uscc: z.string(), name: z.string() }),
  rateBp: z.number().int(),
  amountFen: z.number().int(),
  termDays: z.number().int(),
  status: z.enum(['offered', 'accepted', 'declined']),
});

export const FinancingRequestView = z.object({
  id: z.string(),
  applicant: z.object({ uscc: z.string(), name: z.string(), regionCode: z.string() }),
  kind: FinancingKind,
  voucherId: z.string().nullable(),
  obligor: z.object({ uscc: z.string(), name: z.string() }).nullable().describe('For a receivable: the buyer that owes it.'),
  obligorShareLate: z.number().nullable().describe('The obligor’s share of late deliveries over the last 12 months (0–1); null when it has none.'),
  isObligorFlagged: z.boolean().describe('The obligor pays late often (share late ≥ 30 %, our configurable threshold): a warning to banks.'),
  amountFen: z.number().int(),
  termDays: z.number().int(),
  bank: z.object({ uscc: z.string(), name: z.string() }).nullable().describe('Addressed bank; null = open to all banks.'),
  description: z.string(),
  status: z.enum(['open', 'accepted', 'withdrawn']),
  offers: z.array(FinancingOfferView).describe('The applicant sees all; a bank only its own.'),
  applicantScore: z.object({ score: z.number(), grade: z.string() }).describe('The applicant’s credit score today (details: `GET /api/v1/credit-scores/{uscc}`).'),
  product: z.object({ id: z.string(), name: z.string() }).nullable().describe('The bank product it was applied from (`POST /bank-products/{id}/apply`), if any.'),
  createdAt: z.string(),
});
export type FinancingRequestView = z.infer<typeof FinancingRequestView>;

// ---- credit scores (item 7) ----

export const CREDIT_FACTORS = ['age', 'size', 'certifications', 'tier', 'deals', 'complaints', 'payment', 'receivables'] as const;
export const CreditFactor = z.enum(CREDIT_FACTORS);
export type CreditFactor = z.infer<typeof CreditFactor>;

/** One factor of a score: the fact found, the share of the factor's points earned and why. */
export const CreditFactorView = z.object({
  factor: CreditFactor,
  value: z.string().describe('The fact found on the platform, e.g. "3 项有效认证".'),
  maxPoints: z.number().int().describe('⚠️ The factor’s weight (configurable, sums to 100).'),
  points: z.number().describe('Points earned (one decimal).'),
  explanation: z.string().describe('How the points follow from the fact.'),
});
export type CreditFactorView = z.infer<typeof CreditFactorView>;

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export const CreditScoreView = z.object({
  enterprise: Party,
  asOf: z.string(),
  score: z.number().describe('Sum of the factors’ points, 0–100 (one decimal).'),
  grade: z.enum(CREDIT_GRADES).describe('A ≥ 80, B ≥ 65, C ≥ 50, D below (⚠️ our bands).'),
  factors: z.array(CreditFactorView),
  isWeightsOurs: z.literal(true).describe('Always true: the weights are the platform’s, not policy.'),
});
export type CreditScoreView = z.infer<typeof CreditScoreView>;

export const CreditWeightsView = z.object({
  weights: z.record(CreditFactor, z.number().int()),
  updatedAt: z.string().nullable(),
});
export type CreditWeightsView = z.infer<typeof CreditWeightsView>;
export const UpdateCreditWeightsBody = z.object({
  weights: z.object(Object.fromEntries(CREDIT_FACTORS.map((f) => [f, z.number().int('分值须为整数').min(0).max(100)])) as Record<CreditFactor, z.ZodNumber>),
});
export type UpdateCreditWeightsBody = z.infer<typeof UpdateCreditWeightsBody>;

// ---- bank product catalogue (item 6, 信易贷-like) ----

export const BANK_PRODUCT_KINDS = ['receivable', 'order', 'warehouse_receipt', 'inventory', 'credit_loan', 'tax_loan'] as const;
export const BankProductKind = z.enum(BANK_PRODUCT_KINDS).describe('应收账款融资, 订单融资, 仓单质押, 存货质押, 信用贷款, 税易贷 (tax-record credit).');
export type BankProductKind = z.infer<typeof BankProductKind>;
/** 专精特新 levels, lowest first: a rule `tierAtLeast` accepts that level and the higher ones. */
export const TIER_LEVELS = ['innovative', 'specialized', 'little_giant'] as const;
export const TierLevel = z.enum(TIER_LEVELS);

/** A product's eligibility rules as data; an absent field is no rule. */
export const BankProductRules = z.object({
  minCreditScore: z.number().min(0).max(100).optional().describe('Platform credit score (`GET /credit-scores/{uscc}`) at least this.'),
  minYears: z.number().int().min(0).max(100).optional().describe('Years on record (registry or first financial year) at least this.'),
  sizes: z.array(z.enum(['large', 'medium', 'small', 'micro'])).max(4).optional().describe('Size classes served (2017 划型标准).'),
  tierAtLeast: TierLevel.optional().describe('专精特新 level at least this (创新型 < 专精特新 < 小巨人).'),
  minReceivablesFen: z.number().int().min(0).max(AMOUNT_FEN_MAX).optional().describe('Confirmed receivables (held voucher parts) at least this many fen.'),
  isNoOpenComplaints: z.boolean().optional().describe('No payment complaint against the enterprise (as a buyer) still open (submitted or accepted).'),
});
export type BankProductRules = z.infer<typeof BankProductRules>;

const RangeFields = {
  minAmountFen: AmountFen,
  maxAmountFen: AmountFen,
  minRateBp: z.number().int().min(1).max(10_000).describe('Annual rate from, basis points.'),
  maxRateBp: z.number().int().min(1).max(10_000),
  minTermDays: z.number().int().min(1).max(TERM_DAYS_MAX),
  maxTermDays: z.number().int().min(1).max(TERM_DAYS_MAX),
};

export const CreateBankProductBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: BankProductKind,
  ...RangeFields,
  regionCodes: z.array(z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字')).min(1).max(50).describe('Regions served (each with its subtree); 000000 = nationwide.'),
  rules: BankProductRules.default({}),
  description: z.string().trim().max(2000).optional(),
});
export type CreateBankProductBody = z.infer<typeof CreateBankProductBody>;

export const UpdateBankProductBody = CreateBankProductBody.partial().extend({ status: z.enum(['active', 'withdrawn']).optional().describe('`withdrawn` hides the product from SMEs; requests already made stay.') });
export type UpdateBankProductBody = z.infer<typeof UpdateBankProductBody>;

export const ProductEligibilityReason = z.object({ key: z.string(), text: z.string(), passed: z.boolean().nullable().describe('null: a figure it needs is missing.'), detail: z.string().describe('The enterprise’s own value.') });
export type ProductEligibilityReason = z.infer<typeof ProductEligibilityReason>;

export const BankProductView = z.object({
  id: z.string(),
  bank: Party,
  name: z.string(),
  kind: BankProductKind,
  minAmountFen: z.number().int(),
  maxAmountFen: z.number().int(),
  minRateBp: z.number().int(),
  maxRateBp: z.number().int(),
  minTermDays: z.number().int(),
  maxTermDays: z.number().int(),
  regionCodes: z.array(z.string()),
  regionNames: z.array(z.string()),
  rules: BankProductRules,
  ruleTexts: z.array(z.string()).describe('The rules in words.'),
  description: z.string(),
  status: z.enum(['active', 'withdrawn']),
  requestCount: z.number().int().describe('Financing requests made from this product.'),
  eligibility: z.object({ isEligible: z.boolean(), reasons: z.array(ProductEligibilityReason) }).nullable().describe('For an enterprise member (not a bank): whether its enterprise meets every rule today, with each rule’s reason; null for others.'),
  createdAt: z.string(),
});
export type BankProductView = z.infer<typeof BankProductView>;

export const ListBankProductsQuery = PageQuery.extend({
  kind: BankProductKind.optional(),
  isEligibleOnly: z.enum(['true', 'false']).optional().describe('Enterprise members: only products they are eligible for.'),
  status: z.enum(['active', 'withdrawn']).optional(),
});
export type ListBankProductsQuery = z.infer<typeof ListBankProductsQuery>;

/** Body of `POST /api/v1/bank-products/{id}/apply`: a financing request addressed to the product's bank. */
export const ApplyBankProductBody = z.object({
  amountFen: AmountFen,
  termDays: z.number().int().min(1).max(TERM_DAYS_MAX),
  voucherId: z.string().regex(/^\d{1,18}$/).optional().describe('Required for a `receivable` product: a voucher part the applicant holds.'),
  description: z.string().trim().max(2000).optional(),
});
export type ApplyBankProductBody = z.infer<typeof ApplyBankProductBody>;
