import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  AddMemberBody,
  ChainDetail,
  ChainMember,
  ChainSummary,
  ChainTemplate,
  CreateChainBody,
  ListChainsQuery,
  MergeSegmentsBody,
  RejectSuggestionBody,
  SegmentInput,
  SplitSegmentBody,
  Suggestion,
  SuggestionsQuery,
  UpdateSegmentBody,
} from '../../../contracts/chains.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { listHistory } from '../audit/index.js';
import { chainWorkbook } from './chains.export.js';
import { presentDetail, presentMember, presentSummary } from './chains.present.js';
import {
  CHAIN_ENTITY,
  addChainMember,
  addChainSegment,
  createChain,
  deleteChainSegment,
  getChain,
  listChainMembers,
  listChains,
  listTemplates,
  mergeChainSegments,
  rejectSuggestion,
  removeChainMember,
  splitChainSegment,
  suggestChainMembers,
  updateChainSegment,
} from './chains.service.js';

const IdParams = z.object({ id: z.string().max(20).describe('Chain id.') });
const SegmentParams = IdParams.extend({ key: z.string().max(40).describe('Segment key.') });
const MemberParams = SegmentParams.extend({ uscc: z.string().max(32).describe('统一社会信用代码') });
const HistoryEntry = z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() });
const WRITERS = 'Gov users whose region scope holds the chain’s region, and admins; other signed-in users get 403 (they can read the map), unknown chains 404.';

/** `/api/v1/chains*` and `/api/v1/chain-templates`: chain maps, segments, members, suggestions. */
export function chainsRoutes(ctx: AppContext) {
  return async (app: App) => {
    const write = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });

    app.get('/api/v1/chain-templates', {
      schema: {
        tags: ['chains'],
        summary: 'Chain templates 产业链模板',
        description: 'The strategic chains shipped as data (`data/chains/*.json`, sources in `data/SOURCES.md`): segments with stage, upstream links, key products and typical GB/T 4754-2017 classes.',
        response: { 200: z.object({ items: z.array(ChainTemplate) }) },
      },
    }, async (request) => {
      requireActor(request);
      return { items: listTemplates() };
    });

    app.get('/api/v1/chains', {
      schema: {
        tags: ['chains'],
        summary: 'List chain maps 产业链列表',
        description: 'Every signed-in user reads every chain map (ADR 0006). Filters: `region` (the region and below), `template`, `q` (name substring). Newest first.',
        querystring: ListChainsQuery,
        response: { 200: Page(ChainSummary) },
      },
    }, async (request) => {
      requireActor(request);
      const page = await ctx.reads.run(request, (db) => listChains(db, request.query));
      return { items: page.items.map(presentSummary), nextCursor: page.nextCursor, total: page.total };
    });

    app.post('/api/v1/chains', {
      schema: {
        tags: ['chains'],
        summary: 'Create a chain map 新建产业链',
        description: 'From `segments`, or from the template `templateKey` when `segments` is absent. Gov users create chains inside their region, admins anywhere. Cycles in the upstream links → 422 naming the segments of the cycle; self-links and unknown upstream keys → 422 naming the field (`segments[3].upstream[0]`).',
        body: CreateChainBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    }, async (request, reply) => {
      const id = await createChain(ctx.db, write(request), request.body);
      return reply.code(201).send({ id });
    });

    app.get('/api/v1/chains/:id', {
      schema: {
        tags: ['chains'],
        summary: 'Chain map 产业链图谱',
        description: 'Segments by stage and position, each with its members (name, region, role) and counts; `canWrite` says whether the caller may edit.',
        params: IdParams,
        response: { 200: ChainDetail },
      },
    }, async (request) => presentDetail(await ctx.reads.run(request, (db) => getChain(db, requireActor(request), request.params.id))));

    app.get('/api/v1/chains/:id/export', {
      schema: {
        tags: ['chains'],
        summary: 'Export a chain map to Excel 导出产业链图谱',
        description: 'One row per member (segments without members as one row each): stage, segment, links, products, enterprise, role, source, confidence.',
        params: IdParams,
      },
    }, async (request, reply) => {
      const map = presentDetail(await ctx.reads.run(request, (db) => getChain(db, requireActor(request), request.params.id)));
      const name = `${map.name}-${businessDate()}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="chain-${map.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await chainWorkbook(map));
    });

    app.get('/api/v1/chains/:id/history', {
      schema: {
        tags: ['chains'],
        summary: 'Chain history 产业链变更记录',
        description: 'Audit entries of the chain, newest first: creation, segment edits (add, change, split, merge, delete), members placed and removed, rejected suggestions.',
        params: IdParams,
        querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() }) },
      },
    }, async (request) => {
      const view = await getChain(ctx.db, requireActor(request), request.params.id);
      return listHistory(ctx.db, CHAIN_ENTITY, view.chain.id, request.query);
    });

    app.post('/api/v1/chains/:id/segments', {
      schema: {
        tags: ['chains'],
        summary: 'Add a segment 新增环节',
        description: `${WRITERS} 422 on a taken key, unknown or self upstream keys (\`upstream[0]\`) or a cycle.`,
        params: IdParams,
        body: SegmentInput,
        response: { 201: ChainDetail },
      },
    }, async (request, reply) => {
      const context = write(request);
      await addChainSegment(ctx.db, context, request.params.id, request.body);
      return reply.code(201).send(presentDetail(await getChain(ctx.db, context.actor, request.params.id)));
    });

    app.patch('/api/v1/chains/:id/segments/:key', {
      schema: {
        tags: ['chains'],
        summary: 'Rename or edit a segment 修改环节',
        description: `${WRITERS} Name, stage, upstream links, products, industry codes.`,
        params: SegmentParams,
        body: UpdateSegmentBody,
        response: { 200: ChainDetail },
      },
    }, async (request) => {
      const context = write(request);
      await updateChainSegment(ctx.db, context, request.params.id, request.params.key, request.body);
      return presentDetail(await getChain(ctx.db, context.actor, request.params.id));
    });

    app.post('/api/v1/chains/:id/segments/:key/split', {
      schema: {
        tags: ['chains'],
        summary: 'Split a segment 拆分环节',
        description: `${WRITERS} The segment becomes two or more new ones; members go by \`memberMapping\` (USCC → new key) or to the first.`,
        params: SegmentParams,
        body: SplitSegmentBody,
        response: { 200: ChainDetail },
      },
    }, async (request) => {
      const context = write(request);
      await splitChainSegment(ctx.db, context, request.params.id, request.params.key, request.body);
      return presentDetail(await getChain(ctx.db, context.actor, request.params.id));
    });

    app.post('/api/v1/chains/:id/segments/merge', {
      schema: {
        tags: ['chains'],
        summary: 'Merge segments 合并环节',
        description: `${WRITERS} Two or more segments become one; members are united and links redirected.`,
        params: IdParams,
        body: MergeSegmentsBody,
        response: { 200: ChainDetail },
      },
    }, async (request) => {
      const context = write(request);
      await mergeChainSegments(ctx.db, context, request.params.id, request.body);
      return presentDetail(await getChain(ctx.db, context.actor, request.params.id));
    });

    app.delete('/api/v1/chains/:id/segments/:key', {
      schema: {
        tags: ['chains'],
        summary: 'Delete a segment 删除环节',
        description: `${WRITERS} Its members and the links to it go too.`,
        params: SegmentParams,
        response: { 200: ChainDetail },
      },
    }, async (request) => {
      const context = write(request);
      await deleteChainSegment(ctx.db, context, request.params.id, request.params.key);
      return presentDetail(await getChain(ctx.db, context.actor, request.params.id));
    });

    app.get('/api/v1/chains/:id/segments/:key/members', {
      schema: {
        tags: ['chains'],
        summary: 'Members of a segment 环节企业',
        params: SegmentParams,
        response: { 200: z.object({ items: z.array(ChainMember) }) },
      },
    }, async (request) => ({ items: (await ctx.reads.run(request, (db) => listChainMembers(db, requireActor(request), request.params.id, request.params.key))).map(presentMember) }));

    app.post('/api/v1/chains/:id/members', {
      schema: {
        tags: ['chains'],
        summary: 'Place an enterprise in a segment 添加环节企业',
        description: `${WRITERS} The enterprise must be in the writer’s registry scope (else 422 on \`uscc\`, worded as not found); an unknown segment → 422 on \`segmentKey\`. Accepting a suggestion is this call with \`source: "suggestion"\` and its confidence.`,
        params: IdParams,
        body: AddMemberBody,
        response: { 201: ChainMember },
      },
    }, async (request, reply) => {
      const member = await addChainMember(ctx.db, write(request), request.params.id, request.body);
      return reply.code(201).send(presentMember(member));
    });

    app.delete('/api/v1/chains/:id/members/:key/:uscc', {
      schema: {
        tags: ['chains'],
        summary: 'Remove an enterprise from a segment 移出环节企业',
        description: WRITERS,
        params: MemberParams,
      },
    }, async (request, reply) => {
      await removeChainMember(ctx.db, write(request), request.params.id, request.params.key, request.params.uscc);
      return reply.code(204).send();
    });

    app.get('/api/v1/chains/:id/suggestions', {
      schema: {
        tags: ['chains'],
        summary: 'Suggested members of a segment 环节企业推荐',
        description: `${WRITERS} Enterprises of the chain’s region ranked by industry code (exact class > same 中类 > same 大类) and products/capability text (jieba tokens against the segment’s products), with a confidence 0..1 and the reasons in Chinese. Members of the segment and rejected suggestions are left out.`,
        params: IdParams,
        querystring: SuggestionsQuery,
        response: { 200: z.object({ items: z.array(Suggestion) }) },
      },
    }, async (request) => {
      const ranked = await suggestChainMembers(ctx.db, requireActor(request), request.params.id, request.query);
      return {
        items: ranked.map((s) => ({
          uscc: s.uscc, name: s.candidate.name, regionCode: s.candidate.regionCode, regionName: regionFullName(s.candidate.regionCode) ?? s.candidate.regionCode,
          industryCode: s.candidate.industryCode, tags: [...s.candidate.tags], score: s.score, suggestedRole: s.suggestedRole, reasons: s.reasons, matchedTerms: s.matchedTerms,
        })),
      };
    });

    app.post('/api/v1/chains/:id/suggestions/reject', {
      schema: {
        tags: ['chains'],
        summary: 'Reject a suggestion 拒绝推荐',
        description: `${WRITERS} Remembered: the enterprise is never suggested for that segment again (placing it by hand still works).`,
        params: IdParams,
        body: RejectSuggestionBody,
      },
    }, async (request, reply) => {
      await rejectSuggestion(ctx.db, write(request), request.params.id, request.body);
      return reply.code(204).send();
    });
  };
}
