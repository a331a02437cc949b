import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  AcceptDeliveryBody, ContractView, CreateContractBody, CreateContractResult, CreateDeliveryBody, CreatePaymentBody, DeliveryQuery, DeliveryView, LedgerQuery,
  LedgerRow, ListContractsQuery, RuleVersionView,
} from '../../../contracts/capital.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { listHistory } from '../audit/index.js';
import { HistoryPage, HistoryQuery, IdParams, TAGS, XLSX, attachment } from './capital.http.js';
import { exportLedger } from './ledger.export.js';
import { presentContract, presentDelivery, presentLedgerRow } from './ledger.present.js';
import { RULE_VERSIONS } from './ledger.rules.js';
import {
  acceptDelivery, contractTotals, createContract, createDelivery, createPayment, CONTRACT_ENTITY, DELIVERY_ENTITY, getContract, getDelivery, listContracts, listLedger,
  type DeliveryWithLateness,
} from './ledger.service.js';

function deliveryOut(d: DeliveryWithLateness) {
  return presentDelivery(d.delivery, d.payments, d.lateness, d.asOf);
}

/** `/api/v1/contracts*`, `/api/v1/deliveries*`, `/api/v1/payment-rules`: the payables ledger. */
export function ledgerRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/payment-rules', {
      schema: {
        tags: TAGS,
        summary: 'Payment rules versions 款项支付规则版本',
        description: 'The versions of 保障中小企业款项支付条例 the due-date rules use (2020 text, 2025 revision), by effective date. A contract follows the version in force on its signing date.',
        response: { 200: z.object({ items: z.array(RuleVersionView) }) },
      },
    }, async (request) => {
      requireActor(request);
      return {
        items: RULE_VERSIONS.map((v) => ({
          key: v.key, title: v.title, effectiveFrom: v.effectiveFrom, governmentDefaultDays: v.governmentDefaultDays, governmentMaxDays: v.governmentMaxDays,
          largeDefaultDays: v.largeDefaultDays, isLargeDefaultStated: v.isLargeDefaultStated, isPayWhenPaidBanned: v.isPayWhenPaidBanned, mayContractRequireAudit: v.mayContractRequireAudit,
        })),
      };
    });

    app.post('/api/v1/contracts', {
      schema: {
        tags: TAGS,
        summary: 'Enter a contract 登记合同',
        description: 'A supply contract between a buyer and a supplier, both in the registry. The buyer’s type (机关/事业单位 from organisation kind `government`, 大型企业 from size `large`) and the supplier’s SME status are fixed now, with the rules version in force on `signedOn`. Returns `flags`: terms the regulation forbids or limits, each with the rule cited. Members enter contracts of their own enterprise; gov users those with a party in their region. Amounts ≤ 0 or not integer fen → 422.',
        body: CreateContractBody,
        response: { 201: CreateContractResult },
      },
    }, async (request, reply) => reply.code(201).send(await createContract(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/contracts', {
      schema: {
        tags: TAGS,
        summary: 'List contracts 合同列表',
        description: 'Contracts in scope, newest first: a member’s own enterprise’s (either side, `side` narrows), a gov user’s region (either party), all for admins. Totals as of today.',
        querystring: ListContractsQuery,
        response: { 200: Page(ContractView) },
      },
    }, async (request) => {
      const page = await listContracts(db, requireActor(request), request.query);
      const items = [];
      for (const c of page.items) items.push(presentContract(c, await contractTotals(db, c)));
      return { items, nextCursor: page.nextCursor };
    });

    app.get('/api/v1/contracts/:id', {
      schema: { tags: TAGS, summary: 'Get a contract 合同详情', description: 'With its flags and totals as of today. 404 outside the caller’s scope.', params: IdParams, response: { 200: ContractView } },
    }, async (request) => {
      const contract = await getContract(db, requireActor(request), request.params.id);
      return presentContract(contract, await contractTotals(db, contract));
    });

    app.get('/api/v1/contracts/:id/history', {
      schema: { tags: TAGS, summary: 'Contract history 合同变更记录', description: 'The audit entries of the contract, newest first.', params: IdParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
    }, async (request) => {
      const contract = await getContract(db, requireActor(request), request.params.id);
      return listHistory(db, CONTRACT_ENTITY, contract.id, request.query);
    });

    app.post('/api/v1/contracts/:id/deliveries', {
      schema: {
        tags: TAGS,
        summary: 'Record a delivery 登记交付',
        description: 'A delivery under the contract; its legal due date is computed now (and again at acceptance). Either party, or gov in scope. Delivered before the signing date, or deliveries above the contract amount → 422.',
        params: IdParams,
        body: CreateDeliveryBody,
        response: { 201: DeliveryView },
      },
    }, async (request, reply) => reply.code(201).send(deliveryOut(await createDelivery(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body))));

    app.get('/api/v1/deliveries', {
      schema: {
        tags: TAGS,
        summary: 'Payables ledger 应付账款台账',
        description: 'Deliveries in scope, newest first, each with its legal due date, the reason, days late and late interest as of `asOf` (default today). A supplier sees only its own rows; a buyer its own; gov users their region’s; `status=overdue` is the late list.',
        querystring: LedgerQuery,
        response: { 200: Page(LedgerRow).extend({ asOf: z.string() }) },
      },
    }, async (request) => {
      const page = await listLedger(db, requireActor(request), request.query);
      return { items: page.items.map((i) => presentLedgerRow(i.delivery, i.lateness, page.asOf)), nextCursor: page.nextCursor, asOf: page.asOf };
    });

    app.get('/api/v1/deliveries/export', {
      schema: { tags: TAGS, summary: 'Export the ledger to Excel 导出应付账款台账', description: 'The same rows as `GET /deliveries` (at most 500) as `.xlsx`.', querystring: LedgerQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const body = await exportLedger(db, requireActor(request), request.query);
      const name = `应付账款台账-${businessDate()}.xlsx`;
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`ledger-${businessDate()}.xlsx`, name)).send(body);
    });

    app.get('/api/v1/deliveries/:id', {
      schema: {
        tags: TAGS,
        summary: 'A delivery with its due date 交付详情与到期日',
        description: '`dueOn` (legal due date), `dueBasis` (the reason, rule cited), `daysLate`, `interestFen` (integer fen, the exact total rounded half up once) as of `asOf` (default today, Asia/Shanghai). 404 outside the caller’s scope.',
        params: IdParams,
        querystring: DeliveryQuery,
        response: { 200: DeliveryView },
      },
    }, async (request) => deliveryOut(await getDelivery(db, requireActor(request), request.params.id, request.query.asOf ?? businessDate())));

    app.get('/api/v1/deliveries/:id/history', {
      schema: { tags: TAGS, summary: 'Delivery history 交付变更记录', description: 'Delivery, acceptance and payments, newest first.', params: IdParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
    }, async (request) => {
      const d = await getDelivery(db, requireActor(request), request.params.id);
      return listHistory(db, DELIVERY_ENTITY, d.delivery.id, request.query);
    });

    app.post('/api/v1/deliveries/:id/accept', {
      schema: {
        tags: TAGS,
        summary: 'Record acceptance 确认验收',
        description: 'The buyer records the acceptance date (for progress settlement: the date the amount was confirmed); the due date is recomputed. Before the delivery → 422; already accepted → 409; the supplier → 403.',
        params: IdParams,
        body: AcceptDeliveryBody,
        response: { 200: DeliveryView },
      },
    }, async (request) => deliveryOut(await acceptDelivery(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.acceptedOn)));

    app.post('/api/v1/deliveries/:id/payments', {
      schema: {
        tags: TAGS,
        summary: 'Record a payment 登记付款',
        description: 'A payment (partial or full) by the buyer, recorded by either party. Above the amount still owed, or dated before the contract → 422.',
        params: IdParams,
        body: CreatePaymentBody,
        response: { 201: DeliveryView },
      },
    }, async (request, reply) => reply.code(201).send(deliveryOut(await createPayment(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body))));
  };
}
