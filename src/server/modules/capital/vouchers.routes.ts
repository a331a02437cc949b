import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { ConfirmVoucherBody, FinanceVoucherBody, ListVouchersQuery, SplitVoucherBody, TransferVoucherBody, VoucherView } from '../../../contracts/capital.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { listHistory } from '../audit/index.js';
import { HistoryPage, HistoryQuery, IdParams, TAGS } from './capital.http.js';
import type { VoucherRecord } from './vouchers.repo.js';
import { confirmVoucher, financeVoucher, getVoucher, listVouchers, splitVoucher, transferVoucher, VOUCHER_ENTITY } from './vouchers.service.js';


/** A voucher as the API shows it (explicit fields). */
export function presentVoucher(v: VoucherRecord): VoucherView {
  return {
    id: v.id, rootId: v.rootId, parentId: v.parentId, amountFen: Number(v.amountFen), settledFen: Number(v.settledFen), dueOn: v.dueOn, status: v.status as VoucherView['status'], origin: v.origin as VoucherView['origin'],
    obligor: v.obligor, holder: v.holder, bank: v.bank, deliveryId: v.deliveryId, createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString(),
  };
}

/** `/api/v1/vouchers*`: confirmed-receivable vouchers. */
export function vouchersRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.post('/api/v1/vouchers', {
      schema: {
        tags: TAGS,
        summary: 'Confirm a payable as a voucher 确权开立凭证',
        description: 'The buyer (obligor) confirms the unpaid amount of a delivery; the supplier holds the voucher, due on the delivery’s legal due date. Buyer members and admins; the supplier gets 403; a delivery confirmed before → 409; nothing owed → 409.',
        body: ConfirmVoucherBody,
        response: { 201: VoucherView },
      },
    }, async (request, reply) => reply.code(201).send(presentVoucher(await confirmVoucher(db, { actor: requireActor(request), requestId: request.id }, request.body.deliveryId))));

    app.get('/api/v1/vouchers', {
      schema: {
        tags: TAGS,
        summary: 'Voucher wallet 凭证钱包',
        description: 'Voucher parts the caller’s enterprise holds, owes (as obligor) or finances (as bank); gov users those of obligors in their region; all for admins. `rootId` lists the whole tree of one confirmed voucher.',
        querystring: ListVouchersQuery,
        response: { 200: Page(VoucherView) },
      },
    }, async (request) => {
      const page = await listVouchers(db, requireActor(request), request.query);
      return { items: page.items.map(presentVoucher), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/vouchers/:id', {
      schema: { tags: TAGS, summary: 'Get a voucher part 凭证详情', description: '404 outside the caller’s scope.', params: IdParams, response: { 200: VoucherView } },
    }, async (request) => presentVoucher(await getVoucher(db, requireActor(request), request.params.id)));

    app.get('/api/v1/vouchers/:id/history', {
      schema: {
        tags: TAGS,
        summary: 'Voucher history 凭证变更记录',
        description: 'Confirmation or creation of the part and its one state change, newest first.',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPage },
      },
    }, async (request) => {
      const v = await getVoucher(db, requireActor(request), request.params.id);
      return listHistory(db, VOUCHER_ENTITY, v.id, request.query);
    });

    app.post('/api/v1/vouchers/:id/split', {
      schema: {
        tags: TAGS,
        summary: 'Split a voucher 拆分凭证',
        description: 'The holder splits a held part into 2–20 parts (integer fen > 0) that sum to its amount; the database refuses any other sum (deferred trigger). Not summing → 422; a part already split, transferred or financed → 409.',
        params: IdParams,
        body: SplitVoucherBody,
        response: { 200: z.object({ parts: z.array(z.object({ id: z.string(), amountFen: z.number().int() })) }) },
      },
    }, async (request) => splitVoucher(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.parts));

    app.post('/api/v1/vouchers/:id/transfer', {
      schema: {
        tags: TAGS,
        summary: 'Transfer a voucher part 转让凭证',
        description: 'The holder passes a held part to another enterprise (its own supplier up the chain). Returns the receiver’s new part. Already transferred or financed → 409; unknown receiver → 422.',
        params: IdParams,
        body: TransferVoucherBody,
        response: { 200: VoucherView },
      },
    }, async (request) => presentVoucher(await transferVoucher(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.toUscc)));

    app.post('/api/v1/vouchers/:id/finance', {
      schema: {
        tags: TAGS,
        summary: 'Finance a voucher part 凭证融资',
        description: 'The holder finances a held part at a bank (organisation of kind `bank`); the bank then sees it. Already transferred or financed → 409; not a bank → 422.',
        params: IdParams,
        body: FinanceVoucherBody,
        response: { 200: VoucherView },
      },
    }, async (request) => presentVoucher(await financeVoucher(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.bankUscc)));
  };
}
