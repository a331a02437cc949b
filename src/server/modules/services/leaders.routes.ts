import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { AddClusterMembersBody, ChainRegionRow, ChainRegionsQuery, ClusterMemberView, ClusterView, CreateClusterBody, CreateLeaderActionBody, CreateTransferItemBody, LeaderActionView, ListClustersQuery, ListLeaderActionsQuery, ListTransferItemsQuery, TransferItemView } from '../../../contracts/leaders.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { exportLeaderActions } from './leaders.export.js';
import { presentChainRegion, presentCluster, presentClusterMember, presentLeaderAction, presentTransferItem } from './leaders.present.js';
import { addClusterMembers, createCluster, createLeaderAction, createTransferItem, getCluster, getLeaderAction, listChainRegions, listClusters, listLeaderActions, listTransferItems } from './leaders.service.js';
import { sendXlsx } from './services.http.js';

const TAGS = ['services'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const Created = z.object({ id: z.string() });
const ClusterDetail = ClusterView.extend({ members: z.array(ClusterMemberView) });

/** `/api/v1/leader-actions*`, `/api/v1/clusters*`, `/api/v1/transfer-catalogue*`, `/api/v1/chain-regions` (链主与区域). */
export function leaderRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/leader-actions', {
      schema: { tags: TAGS, summary: 'Chain leaders’ actions 链主行动', description: 'Incubation bases and parks, supplier improvement programmes, equity investments in SMEs and internal start-ups, newest first; open to everyone signed in. Filter by chain, kind and the leader’s region (and below).', querystring: ListLeaderActionsQuery, response: { 200: Page(LeaderActionView) } },
    }, async (request) => {
      requireActor(request);
      const page = await listLeaderActions(db, request.query);
      return { items: page.items.map(presentLeaderAction), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/leader-actions/export', {
      schema: { tags: TAGS, summary: 'Export leaders’ actions 导出链主行动', description: 'The actions matching the list filters (at most 10,000) as an Excel workbook.', querystring: ListLeaderActionsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      requireActor(request);
      return sendXlsx(reply, '链主行动.xlsx', await exportLeaderActions(db, request.query));
    });

    app.post('/api/v1/leader-actions', {
      schema: { tags: TAGS, summary: 'Record a leader’s action 登记链主行动', description: 'A leader’s members record for their own enterprise; gov for a leader in scope. The leader must be a `leader` member of the chain (422 naming `leaderUscc`); an unregistered partner is 422 naming `partnerUscc`; 403 for experts. Amounts in 元 are stored as fen.', body: CreateLeaderActionBody, response: { 201: LeaderActionView } },
    }, async (request, reply) => {
      const id = await createLeaderAction(db, { actor: requireActor(request), requestId: request.id }, request.body);
      return reply.code(201).send(presentLeaderAction(await getLeaderAction(db, id)));
    });

    app.get('/api/v1/clusters', {
      schema: { tags: TAGS, summary: 'Industrial clusters 产业集群', description: '先进制造业集群 and 中小企业特色产业集群 newest first with member and SME counts; open to everyone signed in.', querystring: ListClustersQuery, response: { 200: Page(ClusterView) } },
    }, async (request) => {
      const page = await listClusters(db, requireActor(request), request.query);
      return { items: page.items.map(presentCluster), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/clusters', {
      schema: { tags: TAGS, summary: 'Record a cluster 登记产业集群', description: 'Gov users for a region in scope (default their own); 403 for others; 422 naming `regionCode` or `chainId`.', body: CreateClusterBody, response: { 201: Created } },
    }, async (request, reply) => reply.code(201).send({ id: await createCluster(db, { actor: requireActor(request), requestId: request.id }, request.body) }));

    app.get('/api/v1/clusters/:id', {
      schema: { tags: TAGS, summary: 'Get a cluster 产业集群详情', description: 'One cluster with its member enterprises (leaders first).', params: IdParams, response: { 200: ClusterDetail } },
    }, async (request) => {
      const view = await getCluster(db, requireActor(request), request.params.id);
      return { ...presentCluster(view), members: view.members.map(presentClusterMember) };
    });

    app.post('/api/v1/clusters/:id/members', {
      schema: { tags: TAGS, summary: 'Add cluster members 添加集群成员', description: 'Gov in scope of the cluster’s region add registered enterprises (or change their role), all or none; 422 names each unknown `members.<i>.uscc`; 404 for everyone else.', params: IdParams, body: AddClusterMembersBody, response: { 200: ClusterDetail } },
    }, async (request) => {
      const actor = requireActor(request);
      await addClusterMembers(db, { actor, requestId: request.id }, request.params.id, request.body);
      const view = await getCluster(db, actor, request.params.id);
      return { ...presentCluster(view), members: view.members.map(presentClusterMember) };
    });

    app.get('/api/v1/transfer-catalogue', {
      schema: { tags: TAGS, summary: 'Industrial-transfer catalogue 产业转移目录', description: 'Industries regions take in (inbound 承接) or move out (outbound 转出), newest first; open to everyone signed in. Filter by direction, industry code prefix, region and whether still open.', querystring: ListTransferItemsQuery, response: { 200: Page(TransferItemView) } },
    }, async (request) => {
      const page = await listTransferItems(db, requireActor(request), request.query);
      return { items: page.items.map(presentTransferItem), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/transfer-catalogue', {
      schema: { tags: TAGS, summary: 'Publish a catalogue item 发布产业转移目录', description: 'Gov users for a region in scope (default their own); 403 for others; 422 naming the field.', body: CreateTransferItemBody, response: { 201: Created } },
    }, async (request, reply) => reply.code(201).send({ id: await createTransferItem(db, { actor: requireActor(request), requestId: request.id }, request.body) }));

    app.get('/api/v1/chain-regions', {
      schema: { tags: TAGS, summary: 'Cross-region chain view 跨区域产业链', description: 'Every chain (or those built from one template: the same chain in different regions) with its region, members, leaders, leaders’ actions and their amount (fen), clusters and open transfer items, ordered by template and region.', querystring: ChainRegionsQuery, response: { 200: z.object({ items: z.array(ChainRegionRow) }) } },
    }, async (request) => {
      requireActor(request);
      return { items: (await listChainRegions(db, request.query.templateKey)).map(presentChainRegion) };
    });
  };
}
