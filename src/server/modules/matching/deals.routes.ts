import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  AwardBody, CreateRfqBody, DealBody, DealStats, DealView, DeclineBody, InviteBody, ListDealsQuery, ListMatchesQuery, ListRfqsQuery, MatchView, QuoteBody,
  QuoteView, RfqInviteBody, RfqView,
} from '../../../contracts/deals.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { listHistory } from '../audit/index.js';
import { FileView } from '../../../contracts/files.js';
import { readUpload, sendFile } from '../../platform/files.js';
import { exportComparison, exportDeals, exportMatches } from './deals.export.js';
import { attachToNeed, attachToQuote, filesOfQuotes, needFile, needFiles, quoteFile, removeNeedFile } from './deals.files.js';
import { presentDeal, presentFile, presentMatch, presentQuote, presentRfq } from './deals.present.js';
import type { QuoteRecord } from './deals.repo.js';
import { awardRfq, createRfq, getQuote, getRfq, inviteToRfq, listQuotes, listRfqs, rfqDetails, submitQuote } from './deals.rfq.js';
import { acceptMatch, dealStats, declineMatch, getMatch, inviteSupplier, listDeals, listMatches, MATCH_ENTITY, recordDeal, RFQ_ENTITY } from './deals.service.js';

const IdParams = z.object({ id: z.string().min(1).max(20).describe('Id') });
const QuoteParams = IdParams.extend({ quoteId: z.string().min(1).max(20).describe('Quote id') });
const HistoryQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
const HistoryPage = z.object({ items: z.array(z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() })), nextCursor: z.string().nullable() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TAGS = ['deals'];

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Routes of the match lifecycle (invite → negotiate → deal/decline) and RFQs with sealed quotes. */
export function dealsRoutes(ctx: AppContext) {
  const { db } = ctx;
  const write = (request: { id: string }, actor: ReturnType<typeof requireActor>) => ({ actor, requestId: request.id });
  const matchView = async (actor: ReturnType<typeof requireActor>, id: string) => {
    const { match, party } = await getMatch(db, actor, id);
    return presentMatch(match, party.enterpriseId);
  };
  const rfqViewOf = async (access: Awaited<ReturnType<typeof getRfq>>) => {
    const details = await rfqDetails(db, access);
    const files = details.myQuote ? (await filesOfQuotes(db, [details.myQuote.id])).get(details.myQuote.id) : undefined;
    return presentRfq(access, details, files);
  };
  const rfqView = async (actor: ReturnType<typeof requireActor>, id: string) => rfqViewOf(await getRfq(db, actor, id));
  const quoteViews = async (quotes: QuoteRecord[], awardedQuoteId: string | null) => {
    const files = await filesOfQuotes(db, quotes.map((q) => q.id));
    return quotes.map((q) => presentQuote(q, awardedQuoteId, files.get(q.id) ?? []));
  };
  const FileParams = IdParams.extend({ fileId: z.string().min(1).max(20).describe('File id') });

  return async (app: App) => {
    app.post('/api/v1/needs/:id/invite', {
      schema: {
        tags: TAGS,
        summary: 'Invite a supplier to a need 邀请对接',
        description: 'The need’s owner (or gov in scope) invites a supplier — usually one of the ranked candidates — to talk: a match in stage `invited`, which the supplier sees in its feed. Published needs only (409 otherwise); 409 when already invited; 422 for an unknown USCC or the buyer itself; 403 for readers who do not own the need.',
        params: IdParams,
        body: InviteBody,
        response: { 201: MatchView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await inviteSupplier(db, write(request, actor), request.params.id, request.body);
      return reply.code(201).send(await matchView(actor, id));
    });

    app.get('/api/v1/matches', {
      schema: {
        tags: TAGS,
        summary: 'List matches 对接跟踪',
        description: 'Matches the caller is a party to (members: their enterprise as buyer or supplier — a supplier never sees the need’s other candidates), or, for gov users, matches with the buyer or the supplier in their region; admins all. Newest first. `side` narrows a member’s list.',
        querystring: ListMatchesQuery,
        response: { 200: Page(MatchView) },
      },
    }, async (request) => {
      const page = await listMatches(db, requireActor(request), request.query);
      return { items: page.items.map((m) => presentMatch(m, page.party.enterpriseId)), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/matches/export', {
      schema: { tags: TAGS, summary: 'Export matches to Excel 导出对接跟踪', description: 'The matches of `GET /matches` (same filters, at most 2,000) as `.xlsx`.', querystring: ListMatchesQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const body = await exportMatches(db, requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`供需对接跟踪-${businessDate()}.xlsx`)).send(body);
    });

    app.get('/api/v1/matches/:id', {
      schema: { tags: TAGS, summary: 'Get a match 对接详情', description: 'Its parties, gov users of either party’s region and admins; 404 for everyone else.', params: IdParams, response: { 200: MatchView } },
    }, async (request) => matchView(requireActor(request), request.params.id));

    app.get('/api/v1/matches/:id/history', {
      schema: { tags: TAGS, summary: 'Match history 对接记录', description: 'Audit entries of the match, newest first. Same access as the match.', params: IdParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
    }, async (request) => {
      const { match } = await getMatch(db, requireActor(request), request.params.id);
      return listHistory(db, MATCH_ENTITY, match.id, request.query);
    });

    app.post('/api/v1/matches/:id/accept', {
      schema: { tags: TAGS, summary: 'Accept an invitation 接受邀请', description: 'invited → negotiating (洽谈). The supplier’s members only (403 for the buyer and observers); 409 from any other stage.', params: IdParams, response: { 200: MatchView } },
    }, async (request) => {
      const actor = requireActor(request);
      await acceptMatch(db, write(request, actor), request.params.id);
      return matchView(actor, request.params.id);
    });

    app.post('/api/v1/matches/:id/decline', {
      schema: {
        tags: TAGS,
        summary: 'Decline a match 婉拒',
        description: 'invited/negotiating → declined, by either party, with a reason from the fixed list (价格不符 price, 交期不符 delivery, 资质不符 qualification, 产能不足 capacity, 已选定其他供应商 other_supplier, 其他 other — `note` required). 409 from deal/declined.',
        params: IdParams,
        body: DeclineBody,
        response: { 200: MatchView },
      },
    }, async (request) => {
      const actor = requireActor(request);
      await declineMatch(db, write(request, actor), request.params.id, request.body);
      return matchView(actor, request.params.id);
    });

    app.post('/api/v1/matches/:id/deal', {
      schema: {
        tags: TAGS,
        summary: 'Record a deal 登记签约',
        description: 'negotiating → deal, by either party, writing the `deals` row (amount in fen, signing date not in the future) that dashboards count. 409 from any other stage.',
        params: IdParams,
        body: DealBody,
        response: { 200: MatchView },
      },
    }, async (request) => {
      const actor = requireActor(request);
      await recordDeal(db, write(request, actor), request.params.id, request.body);
      return matchView(actor, request.params.id);
    });

    app.get('/api/v1/deals', {
      schema: {
        tags: TAGS,
        summary: 'List deals 签约成果',
        description: 'Signed deals: members see their own enterprise’s (either side); gov users those with the buyer or the supplier in their region; admins all. `region` narrows to a region subtree. Newest first.',
        querystring: ListDealsQuery,
        response: { 200: Page(DealView) },
      },
    }, async (request) => {
      const page = await listDeals(db, requireActor(request), request.query);
      return { items: page.items.map(presentDeal), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/deals/export', {
      schema: { tags: TAGS, summary: 'Export deals to Excel 导出签约成果', description: 'The deals of `GET /deals` (at most 2,000) as `.xlsx`, amounts in 元.', querystring: ListDealsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const body = await exportDeals(db, requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`签约成果-${businessDate()}.xlsx`)).send(body);
    });

    app.get('/api/v1/deals/stats', {
      schema: {
        tags: TAGS,
        summary: 'Matchmaking statistics 对接统计',
        description: 'Counts of matches by stage and by decline reason, the number and total amount (fen) of deals, and the number of RFQs, in the caller’s scope (as `GET /matches`, `GET /deals`); `region` narrows it. No quote content.',
        querystring: z.object({ region: ListDealsQuery.shape.region }),
        response: { 200: DealStats },
      },
    }, async (request) => dealStats(db, requireActor(request), request.query.region));

    app.post('/api/v1/needs/:id/rfqs', {
      schema: {
        tags: TAGS,
        summary: 'Open an RFQ 发起询价',
        description: 'The owner of a published need asks invited suppliers (candidates or any USCC) for sealed quotes until `deadlineAt` (in the future, else 422). 409 unless the need is published; 403 for readers who do not own it.',
        params: IdParams,
        body: CreateRfqBody,
        response: { 201: RfqView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createRfq(db, write(request, actor), request.params.id, request.body);
      return reply.code(201).send(await rfqView(actor, id));
    });

    app.get('/api/v1/rfqs', {
      schema: {
        tags: TAGS,
        summary: 'List RFQs 询价列表',
        description: 'RFQs the caller runs or is invited to (members), of buyers in the region (gov), all (admins). Suppliers never see the other invitees. Newest first.',
        querystring: ListRfqsQuery,
        response: { 200: Page(RfqView) },
      },
    }, async (request) => {
      const page = await listRfqs(db, requireActor(request), request.query);
      const items = await Promise.all(page.items.map(rfqViewOf));
      return { items, nextCursor: page.nextCursor };
    });

    app.get('/api/v1/rfqs/:id', {
      schema: {
        tags: TAGS,
        summary: 'Get an RFQ 询价详情',
        description: 'Buyer and gov: the invitees (and whether each has quoted) and the number of quotes; invited suppliers: only their own quote. 404 for everyone else.',
        params: IdParams,
        response: { 200: RfqView },
      },
    }, async (request) => rfqView(requireActor(request), request.params.id));

    app.get('/api/v1/rfqs/:id/history', {
      schema: { tags: TAGS, summary: 'RFQ history 询价记录', description: 'Audit entries of the RFQ (buyer, gov in scope, admins; 404 for suppliers, who must not learn the invitees).', params: IdParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
    }, async (request) => {
      const access = await getRfq(db, requireActor(request), request.params.id);
      if (access.side === 'supplier') return { items: [], nextCursor: null };
      return listHistory(db, RFQ_ENTITY, access.rfq.id, request.query);
    });

    app.post('/api/v1/rfqs/:id/invite', {
      schema: { tags: TAGS, summary: 'Invite more suppliers 追加邀请', description: 'Before the deadline (409 after); the buyer side only.', params: IdParams, body: RfqInviteBody, response: { 200: RfqView } },
    }, async (request) => {
      const actor = requireActor(request);
      await inviteToRfq(db, write(request, actor), request.params.id, request.body);
      return rfqView(actor, request.params.id);
    });

    app.post('/api/v1/rfqs/:id/quotes', {
      schema: {
        tags: TAGS,
        summary: 'Submit or revise a quote 提交报价',
        description: 'An invited supplier’s sealed quote (price in fen, lead time, MOQ, terms); submitting again revises it. 201 for a new quote, 200 for a revision; 409 after the deadline or once awarded; 403 for the buyer and observers; 404 for everyone not invited.',
        params: IdParams,
        body: QuoteBody,
        response: { 200: QuoteView, 201: QuoteView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const { id, isNew } = await submitQuote(db, write(request, actor), request.params.id, request.body);
      const { quote, access } = await getQuote(db, actor, request.params.id, id);
      return reply.code(isNew ? 201 : 200).send((await quoteViews([quote], access.rfq.awardedQuoteId))[0]);
    });

    app.get('/api/v1/rfqs/:id/quotes', {
      schema: {
        tags: TAGS,
        summary: 'Quotes of an RFQ (comparison) 报价比较',
        description: 'Sealed until the deadline: suppliers always get only their own quote; the buyer, gov users and admins get an empty list with `isSealed: true` before the deadline and every quote, cheapest first, after it.',
        params: IdParams,
        response: { 200: z.object({ isSealed: z.boolean(), items: z.array(QuoteView) }) },
      },
    }, async (request) => {
      const { access, isSealed, items } = await listQuotes(db, requireActor(request), request.params.id);
      return { isSealed, items: await quoteViews(items, access.rfq.awardedQuoteId) };
    });

    app.get('/api/v1/rfqs/:id/quotes/export', {
      schema: { tags: TAGS, summary: 'Export the quote comparison to Excel 导出比价表', description: 'One column per supplier, after the deadline (409 before; suppliers 409).', params: IdParams },
    }, async (request, reply) => {
      const body = await exportComparison(db, requireActor(request), request.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`报价比较-${request.params.id}.xlsx`)).send(body);
    });

    app.get('/api/v1/rfqs/:id/quotes/:quoteId', {
      schema: { tags: TAGS, summary: 'Get a quote 报价详情', description: 'Its author at any time; the buyer, gov and admins after the deadline; 404 otherwise (a sealed quote looks like a missing one).', params: QuoteParams, response: { 200: QuoteView } },
    }, async (request) => {
      const { access, quote } = await getQuote(db, requireActor(request), request.params.id, request.params.quoteId);
      return (await quoteViews([quote], access.rfq.awardedQuoteId))[0];
    });

    app.post('/api/v1/rfqs/:id/quote-files', {
      schema: {
        tags: TAGS,
        summary: 'Attach a file to one’s quote 上传报价附件',
        description: 'multipart/form-data with a `file` part: attaches it to the caller’s own quote (submit the quote first; 403 otherwise), before the deadline (409 after). As sealed as the quote. 413 over the size limit, 415 for a type outside the allow-list or bytes that do not match it.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: FileView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return reply.code(201).send(presentFile(await attachToQuote(db, write(request, actor), request.params.id, upload)));
    });

    app.get('/api/v1/rfqs/:id/quotes/:quoteId/files/:fileId', {
      schema: { tags: TAGS, summary: 'Download a quote’s file 下载报价附件', description: 'Whoever may read the quote (its author; the buyer and gov after the deadline); 404 otherwise.', params: QuoteParams.extend({ fileId: z.string().min(1).max(20) }) },
    }, async (request, reply) => sendFile(reply, await quoteFile(db, requireActor(request), request.params.id, request.params.quoteId, request.params.fileId)));

    app.get('/api/v1/needs/:id/files', {
      schema: { tags: TAGS, summary: 'Files of a need 需求附件', description: 'Whoever may read the need; 404 otherwise.', params: IdParams, response: { 200: z.object({ items: z.array(FileView) }) } },
    }, async (request) => ({ items: (await needFiles(db, requireActor(request), request.params.id)).map(presentFile) }));

    app.post('/api/v1/needs/:id/files', {
      schema: {
        tags: TAGS,
        summary: 'Attach a file to a need 上传需求附件',
        description: 'multipart/form-data with a `file` part (specifications, drawings). The need’s managers (owner, gov in scope); 403 for other readers, 409 once closed or fulfilled, 413 over the size limit, 415 for a type outside the allow-list or bytes that do not match it.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: FileView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return reply.code(201).send(presentFile(await attachToNeed(db, write(request, actor), request.params.id, upload)));
    });

    app.get('/api/v1/needs/:id/files/:fileId', {
      schema: { tags: TAGS, summary: 'Download a need’s file 下载需求附件', description: 'Whoever may read the need; 404 otherwise (also for another need’s file id).', params: FileParams },
    }, async (request, reply) => sendFile(reply, await needFile(db, requireActor(request), request.params.id, request.params.fileId)));

    app.delete('/api/v1/needs/:id/files/:fileId', {
      schema: { tags: TAGS, summary: 'Remove a need’s file 删除需求附件', description: 'The need’s managers; 409 once closed or fulfilled.', params: FileParams },
    }, async (request, reply) => {
      const actor = requireActor(request);
      await removeNeedFile(db, write(request, actor), request.params.id, request.params.fileId);
      return reply.code(204).send();
    });

    app.post('/api/v1/rfqs/:id/award', {
      schema: {
        tags: TAGS,
        summary: 'Award an RFQ 定标',
        description: 'After the deadline (409 before) the buyer awards one quote: the RFQ becomes `awarded` and the (need, supplier) match is created or advanced to `deal` with a deal row (amount: the quoted price unless given). 409 when already awarded.',
        params: IdParams,
        body: AwardBody,
        response: { 200: z.object({ rfq: RfqView, match: MatchView }) },
      },
    }, async (request) => {
      const actor = requireActor(request);
      const { matchId } = await awardRfq(db, write(request, actor), request.params.id, request.body);
      return { rfq: await rfqView(actor, request.params.id), match: await matchView(actor, matchId) };
    });
  };
}
