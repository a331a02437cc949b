import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  CreateNeedBody, CreateOfferBody, EnterpriseMatch, ListNeedsQuery, ListOffersQuery, MatchesQuery, NeedMatch, NeedStatusView, NeedView,
  OfferView, PreviewMatchesBody, ReturnNeedBody, UpdateNeedBody, UpdateOfferBody,
} from '../../../contracts/matching.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { listHistory } from '../audit/index.js';
import { exportNeeds } from './matching.export.js';
import { NEED_ENTITY } from './matching.index.js';
import { presentNeed, presentOffer } from './matching.present.js';
import {
  createNeed, createOffer, deleteOffer, getNeed, getOffer, listNeeds, listOffers, matchedNeedsOf, matchesOfNeed, previewMatches,
  transitionNeed, updateNeed, updateOffer, type MatchingDeps, type NeedVerb,
} from './matching.service.js';

const IdParams = z.object({ id: z.string().min(1).max(20).describe('Id') });
const UsccParams = z.object({ uscc: z.string().min(1).max(32).describe('统一社会信用代码') });
const HistoryEntry = z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() });
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const VERBS: { verb: Exclude<NeedVerb, 'return'>; summary: string; description: string }[] = [
  { verb: 'submit', summary: 'Submit a need for review 提交审核', description: 'draft → submitted. The owner enterprise’s members, gov users in scope, admins. 409 from any other state; 422 when the deadline has passed.' },
  { verb: 'publish', summary: 'Approve and publish a need 审核通过', description: 'submitted → published (gov review). Gov users whose scope contains the owner’s region, and admins; the owner gets 403. 409 from any other state.' },
  { verb: 'close', summary: 'Close a need 关闭需求', description: 'published → closed. Owner or gov in scope.' },
  { verb: 'fulfil', summary: 'Mark a need fulfilled 已对接成功', description: 'published → fulfilled. Owner or gov in scope.' },
];

/** `Content-Disposition` of a download with a Chinese file name (ASCII fallback + RFC 5987). */
export function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** `/api/v1/needs*`, `/api/v1/offers*` and `/api/v1/enterprises/{uscc}/matched-needs`. */
export function matchingRoutes(ctx: AppContext) {
  const deps: MatchingDeps = { db: ctx.db, index: ctx.matching };
  return async (app: App) => {
    app.get('/api/v1/needs', {
      schema: {
        tags: ['matching'],
        summary: 'List needs 需求列表',
        description: 'Needs the caller may read: its own enterprise’s and (gov) its region’s in every status; others once published, by visibility (public; region: the viewer’s enterprise or scope lies in the need’s region; invited). Newest first. `status=submitted` is a gov user’s review queue.',
        querystring: ListNeedsQuery,
        response: { 200: Page(NeedView) },
      },
    }, async (request) => {
      const page = await listNeeds(ctx.db, requireActor(request), request.query);
      return { items: page.items.map(presentNeed), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/needs', {
      schema: {
        tags: ['matching'],
        summary: 'Post a need 发布需求',
        description: 'Creates a draft. A member posts for its own enterprise; gov users and admins for an enterprise in scope (`uscc`). Budget in 万元 (stored as fen). A deadline in the past → 422.',
        body: CreateNeedBody,
        response: { 201: NeedStatusView },
      },
    }, async (request, reply) => reply.code(201).send(await createNeed(deps, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.post('/api/v1/needs/preview-matches', {
      schema: {
        tags: ['matching'],
        summary: 'Live match preview 实时匹配预览',
        description: 'Candidates for a need as typed so far (nothing is stored). Same ranking as `GET /needs/{id}/matches`.',
        body: PreviewMatchesBody,
        response: { 200: z.object({ items: z.array(EnterpriseMatch) }) },
      },
    }, async (request) => ({ items: await previewMatches(deps, requireActor(request), request.body) }));

    app.get('/api/v1/needs/export', {
      schema: {
        tags: ['matching'],
        summary: 'Export the needs list to Excel 导出需求清单',
        description: 'The published needs the caller may read (for gov users: their region’s 需求清单) as `.xlsx`, at most 500.',
        querystring: ListNeedsQuery.pick({ kind: true, region: true, q: true }),
      },
    }, async (request, reply) => {
      const body = await exportNeeds(ctx.db, requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`需求清单-${businessDate()}.xlsx`)).send(body);
    });

    app.get('/api/v1/needs/:id', {
      schema: {
        tags: ['matching'],
        summary: 'Get a need 需求详情',
        description: '404 when it does not exist or the caller may not read it (drafts of other enterprises, needs outside the visibility).',
        params: IdParams,
        response: { 200: NeedView },
      },
    }, async (request) => presentNeed(await getNeed(ctx.db, requireActor(request), request.params.id)));

    app.patch('/api/v1/needs/:id', {
      schema: {
        tags: ['matching'],
        summary: 'Edit a draft need 修改需求',
        description: 'Drafts only (a returned need is a draft again); 409 otherwise. Owner or gov in scope.',
        params: IdParams,
        body: UpdateNeedBody,
        response: { 200: NeedView },
      },
    }, async (request) => presentNeed(await updateNeed(deps, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    for (const { verb, summary, description } of VERBS) {
      app.post(`/api/v1/needs/:id/${verb}`, {
        schema: { tags: ['matching'], summary, description, params: IdParams, response: { 200: NeedStatusView } },
      }, async (request) => transitionNeed(deps, { actor: requireActor(request), requestId: request.id }, request.params.id, verb));
    }

    app.post('/api/v1/needs/:id/return', {
      schema: {
        tags: ['matching'],
        summary: 'Return a need with comments 审核退回',
        description: 'submitted → draft, keeping the comment on the need (`reviewComment`). Gov users in scope and admins.',
        params: IdParams,
        body: ReturnNeedBody,
        response: { 200: NeedStatusView },
      },
    }, async (request) => transitionNeed(deps, { actor: requireActor(request), requestId: request.id }, request.params.id, 'return', request.body.comment));

    app.get('/api/v1/needs/:id/history', {
      schema: {
        tags: ['matching'],
        summary: 'Need history 需求变更记录',
        params: IdParams,
        querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() }) },
      },
    }, async (request) => {
      const need = await getNeed(ctx.db, requireActor(request), request.params.id);
      return listHistory(ctx.db, NEED_ENTITY, need.id, request.query);
    });

    app.get('/api/v1/needs/:id/matches', {
      schema: {
        tags: ['matching'],
        summary: 'Candidate enterprises of a need 需求匹配企业',
        description: 'Enterprises ranked for the need over offers and registry profiles, each with `reasons` (per-feature contributions; the text reason lists matched terms, `需求词→供给词` when reached through the product knowledge base). The need’s owner, gov users in scope and admins, in any status; 404 for others.',
        params: IdParams,
        querystring: MatchesQuery,
        response: { 200: z.object({ items: z.array(EnterpriseMatch) }) },
      },
    }, async (request) => ({ items: await matchesOfNeed(deps, requireActor(request), request.params.id, request.query.limit) }));

    app.get('/api/v1/enterprises/:uscc/matched-needs', {
      schema: {
        tags: ['matching'],
        summary: 'Needs matched to an enterprise 可能适合的需求',
        description: 'Published needs the enterprise can see (visibility applied as the enterprise), ranked for it; the same pair score as need → enterprises. Its own members, gov users in scope, admins; 404 for others.',
        params: UsccParams,
        querystring: MatchesQuery,
        response: { 200: z.object({ items: z.array(NeedMatch) }) },
      },
    }, async (request) => ({ items: await matchedNeedsOf(deps, requireActor(request), request.params.uscc, request.query.limit) }));

    app.get('/api/v1/offers', {
      schema: {
        tags: ['matching'],
        summary: 'List offers 供给列表',
        description: 'Offers are public listings for every signed-in user. `mine=true`: the caller’s own enterprise’s.',
        querystring: ListOffersQuery,
        response: { 200: Page(OfferView) },
      },
    }, async (request) => {
      const page = await listOffers(ctx.db, requireActor(request), request.query);
      return { items: page.items.map(presentOffer), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/offers', {
      schema: {
        tags: ['matching'],
        summary: 'List an offer 发布供给',
        description: 'A member posts for its own enterprise; gov users and admins for any enterprise in scope. Matching sees it at once.',
        body: CreateOfferBody,
        response: { 201: OfferView },
      },
    }, async (request, reply) => reply.code(201).send(presentOffer(await createOffer(deps, { actor: requireActor(request), requestId: request.id }, request.body))));

    app.get('/api/v1/offers/:id', {
      schema: { tags: ['matching'], summary: 'Get an offer 供给详情', params: IdParams, response: { 200: OfferView } },
    }, async (request) => {
      requireActor(request);
      return presentOffer(await getOffer(ctx.db, request.params.id));
    });

    app.patch('/api/v1/offers/:id', {
      schema: { tags: ['matching'], summary: 'Edit an offer 修改供给', description: 'Owner or gov in scope; 403 for others.', params: IdParams, body: UpdateOfferBody, response: { 200: OfferView } },
    }, async (request) => presentOffer(await updateOffer(deps, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.delete('/api/v1/offers/:id', {
      schema: { tags: ['matching'], summary: 'Delete an offer 删除供给', description: 'Owner or gov in scope; 403 for others.', params: IdParams },
    }, async (request, reply) => {
      await deleteOffer(deps, { actor: requireActor(request), requestId: request.id }, request.params.id);
      return reply.code(204).send();
    });
  };
}
