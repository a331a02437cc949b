import { z } from 'zod';
import { Page, PageQuery } from '../../../contracts/common.js';
import { AddKeyListMembersBody, CreateKeyListBody, KeyListMemberView, KeyListView, ListKeyListsQuery } from '../../../contracts/workbench.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listHistory } from '../audit/index.js';
import { presentKeyList, presentKeyListMember } from './lists.present.js';
import { KEY_LIST_ENTITY, addKeyListMembers, createKeyList, getKeyList, listKeyListMembers, listKeyLists, removeKeyListMember } from './lists.service.js';
import { XLSX_TYPE, attachmentHeader } from './workbench.export.js';

const IdParams = z.object({ id: z.string().min(1).max(20).describe('List id') });
const TAGS = ['workbench'];
const KIND_LABELS: Record<string, string> = { leader: '链主企业', specialized: '专精特新', little_giant: '小巨人', key_supplier: '重点配套企业', custom: '自定义' };

/** `/api/v1/key-lists*`: key-enterprise lists (重点企业库). */
export function listsRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/key-lists', {
      schema: { tags: TAGS, summary: 'Key-enterprise lists 重点企业名单', description: 'Lists of the caller’s region and every region below it (a city’s lists roll up into its province’s view), newest first. Members and experts see none.', querystring: ListKeyListsQuery, response: { 200: Page(KeyListView) } },
    }, async (request) => {
      const actor = requireActor(request);
      const page = await listKeyLists(db, actor, request.query);
      return { items: page.items.map((l) => presentKeyList(actor, l)), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/key-lists', {
      schema: { tags: TAGS, summary: 'Create a key-enterprise list 新建重点企业名单', description: 'For the caller’s region (default) or one below; 404 outside the scope; 409 when the region already has a list of that name; 403 for members and experts.', body: CreateKeyListBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createKeyList(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/key-lists/:id', {
      schema: { tags: TAGS, summary: 'Get a key-enterprise list 名单详情', description: '404 outside the caller’s scope.', params: IdParams, response: { 200: KeyListView } },
    }, async (request) => {
      const actor = requireActor(request);
      return presentKeyList(actor, await getKeyList(db, actor, request.params.id));
    });

    app.get('/api/v1/key-lists/:id/members', {
      schema: { tags: TAGS, summary: 'Enterprises on a list 名单企业', description: 'A page of the list’s enterprises, most recently registered first. 404 outside scope.', params: IdParams, querystring: PageQuery, response: { 200: Page(KeyListMemberView) } },
    }, async (request) => {
      const page = await listKeyListMembers(db, requireActor(request), request.params.id, request.query);
      return { items: page.items.map(presentKeyListMember), nextCursor: page.nextCursor, total: page.list.memberCount };
    });

    app.post('/api/v1/key-lists/:id/members', {
      schema: { tags: TAGS, summary: 'Add enterprises to a list 加入名单', description: 'By `usccs` and/or a registry `filter` (tag, size, industry), always from the list’s region; all or nothing (422 naming `usccs.N` for an enterprise not in the region’s registry). Enterprises already on the list are skipped. The owning level only (403 for levels above).', params: IdParams, body: AddKeyListMembersBody, response: { 200: z.object({ added: z.number().int(), total: z.number().int() }) } },
    }, async (request) => addKeyListMembers(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));

    app.delete('/api/v1/key-lists/:id/members/:uscc', {
      schema: { tags: TAGS, summary: 'Remove an enterprise from a list 移出名单', description: 'The owning level only; 404 when the enterprise is not on the list.', params: IdParams.extend({ uscc: z.string().min(1).max(32) }) },
    }, async (request, reply) => {
      await removeKeyListMember(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.params.uscc);
      return reply.code(204).send();
    });

    app.get('/api/v1/key-lists/:id/export', {
      schema: { tags: TAGS, summary: 'Export a list to Excel 导出名单', description: 'Every enterprise of the list as `.xlsx`. 404 outside scope.', params: IdParams },
    }, async (request, reply) => {
      const page = await listKeyListMembers(db, requireActor(request), request.params.id, { limit: 100_000 });
      const body = await writeWorkbook({
        name: KIND_LABELS[page.list.kind] ?? '名单',
        columns: [
          { header: '统一社会信用代码', key: 'uscc', width: 22 }, { header: '企业名称', key: 'name', width: 36 }, { header: '所在地区', key: 'region', width: 14 },
          { header: '规模', key: 'size', width: 8 }, { header: '来源', key: 'source', width: 10 },
        ],
        rows: page.items.map(presentKeyListMember).map((m) => ({ uscc: m.uscc, name: m.name, region: m.regionName, size: m.size ?? '', source: m.source === 'filter' ? '条件筛选' : '手工添加' })),
      });
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`${page.list.name}-${businessDate()}.xlsx`)).send(body);
    });

    app.get('/api/v1/key-lists/:id/history', {
      schema: { tags: TAGS, summary: 'List history 名单变更记录', description: 'Audit entries of the list (create, add, remove), newest first.', params: IdParams, querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
    }, async (request) => {
      const list = await getKeyList(db, requireActor(request), request.params.id);
      return listHistory(db, KEY_LIST_ENTITY, list.id, request.query);
    });
  };
}
