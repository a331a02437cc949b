import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

let app: App;
let db: Db;
type Headers = { authorization: string };
let suzhou: Headers; // gov 320500
let wuxi: Headers; // gov 320200
let admin: Headers;
let member: Headers; // member of a 苏州 SME
let expert: Headers;
let cellMaker: Awaited<ReturnType<typeof makeEnterprise>>; // 320505, C3841
let housingMaker: Awaited<ReturnType<typeof makeEnterprise>>; // 320506, C3399
let wuxiCellMaker: Awaited<ReturnType<typeof makeEnterprise>>; // 320214, C3841

const segments = [
  { key: 'cathode', name: '正极材料', stage: 'upstream', upstream: [], products: ['磷酸铁锂正极材料'], industryCodes: ['C3985'] },
  { key: 'cell', name: '电芯制造', stage: 'midstream', upstream: ['cathode'], products: ['磷酸铁锂电芯', '动力电池'], industryCodes: ['C3841'] },
  { key: 'pack', name: '模组与PACK', stage: 'midstream', upstream: ['cell'], products: ['电池包(PACK)'], industryCodes: ['C3841'] },
  { key: 'vehicle', name: '新能源整车', stage: 'downstream', upstream: ['pack'], products: ['新能源汽车'], industryCodes: ['C3612'] },
];

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  cellMaker = await makeEnterprise(db, { regionCode: '320505', industryCode: 'C3841', name: uniqueName('苏州测试锂能'), products: ['磷酸铁锂电芯', '储能电池系统'], capabilities: '年产动力电池5GWh' });
  housingMaker = await makeEnterprise(db, { regionCode: '320506', industryCode: 'C3399', name: uniqueName('苏州测试壳体'), products: ['电池壳体'], tags: ['specialized'] });
  wuxiCellMaker = await makeEnterprise(db, { regionCode: '320214', industryCode: 'C3841', name: uniqueName('无锡测试电芯'), products: ['磷酸铁锂电芯'] });
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  member = (await loginAs(app, db, { role: 'member', orgUscc: housingMaker.uscc })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

const get = (url: string, headers?: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: unknown, headers?: Headers) => app.inject({ method: 'POST', url, payload: payload as object, headers });

async function createSuzhouChain(): Promise<string> {
  const r = await post('/api/v1/chains', { name: '苏州市动力电池产业链', regionCode: '320500', segments }, suzhou);
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

describe('POST /api/v1/chains', () => {
  it('creates a chain from segments and shows it as a map in stage order', async () => {
    const id = await createSuzhouChain();
    const r = await get(`/api/v1/chains/${id}`, suzhou);
    expect(r.statusCode).toBe(200);
    const map = r.json();
    expect(map).toMatchObject({ id, name: '苏州市动力电池产业链', regionCode: '320500', regionName: '江苏省苏州市', canWrite: true, memberCount: 0 });
    expect(map.segments.map((s: { key: string }) => s.key)).toEqual(['cathode', 'cell', 'pack', 'vehicle']);
    expect(map.segments[1]).toMatchObject({ stage: 'midstream', upstream: ['cathode'], products: ['磷酸铁锂电芯', '动力电池'], memberCount: 0, members: [] });
  });

  it('instantiates a template with its segments, products and industry codes', async () => {
    const r = await post('/api/v1/chains', { name: '苏州市新能源汽车动力电池产业链', regionCode: '320500', templateKey: 'ev-battery' }, suzhou);
    expect(r.statusCode).toBe(201);
    const map = (await get(`/api/v1/chains/${r.json().id}`, suzhou)).json();
    expect(map.templateKey).toBe('ev-battery');
    expect(map.segments.length).toBeGreaterThanOrEqual(8);
    expect(map.segments.find((s: { key: string }) => s.key === 'cell')).toMatchObject({ stage: 'midstream', industryCodes: ['C3841', 'C3849'] });
    const templates = (await get('/api/v1/chain-templates', member)).json().items;
    expect(templates.length).toBeGreaterThanOrEqual(6);
  });

  it('names the segments of a cycle', async () => {
    const cyclic = segments.map((s) => (s.key === 'cathode' ? { ...s, upstream: ['vehicle'] } : s));
    const r = await post('/api/v1/chains', { name: '环', regionCode: '320500', segments: cyclic }, suzhou);
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toHaveLength(1);
    expect(r.json().errors[0].path).toBe('segments');
    expect(r.json().errors[0].message).toContain('cathode → cell → pack → vehicle → cathode');
  });

  it('names self-links, unknown upstream keys and unknown industry codes by path', async () => {
    const bad = [...segments.slice(0, 3), { ...segments[3], upstream: ['pack', 'vehicle', 'nowhere'], industryCodes: ['C9999'] }];
    const r = await post('/api/v1/chains', { name: '坏', regionCode: '320500', segments: bad }, suzhou);
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['segments[3].industryCodes[0]', 'segments[3].upstream[1]', 'segments[3].upstream[2]']);
  });

  it('refuses a region outside the gov user’s scope, an unknown template and a member or expert', async () => {
    const outside = await post('/api/v1/chains', { name: '无锡', regionCode: '320200', segments }, suzhou);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('regionCode');
    const unknown = await post('/api/v1/chains', { name: 'x', regionCode: '320500', templateKey: 'nope' }, suzhou);
    expect(unknown.json().errors.map((e: { path: string }) => e.path)).toEqual(['templateKey']);
    expect((await post('/api/v1/chains', { name: 'x', regionCode: '320500', segments }, member)).statusCode).toBe(403);
    expect((await post('/api/v1/chains', { name: 'x', regionCode: '320500', segments }, expert)).statusCode).toBe(403);
  });
});

describe('segment edits with history', () => {
  it('adds, renames, splits, merges and deletes segments, each in the history', async () => {
    const id = await createSuzhouChain();
    const base = `/api/v1/chains/${id}`;
    await post(`${base}/members`, { uscc: cellMaker.uscc, segmentKey: 'cell', role: 'leader' }, suzhou);
    await post(`${base}/members`, { uscc: housingMaker.uscc, segmentKey: 'cell', role: 'supplier' }, suzhou);

    const added = await post(`${base}/segments`, { key: 'anode', name: '负极材料', stage: 'upstream', upstream: [], products: ['人造石墨负极'] }, suzhou);
    expect(added.statusCode).toBe(201);
    const self = await post(`${base}/segments`, { key: 'bms', name: 'BMS', stage: 'midstream', upstream: ['bms'], products: [] }, suzhou);
    expect(self.statusCode).toBe(422);
    expect(self.json().errors[0].path).toBe('upstream[0]');

    const renamed = await app.inject({ method: 'PATCH', url: `${base}/segments/cell`, payload: { name: '电芯', upstream: ['cathode', 'anode'] }, headers: suzhou });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().segments.find((s: { key: string }) => s.key === 'cell')).toMatchObject({ name: '电芯', upstream: ['cathode', 'anode'] });
    const looped = await app.inject({ method: 'PATCH', url: `${base}/segments/cathode`, payload: { upstream: ['pack'] }, headers: suzhou });
    expect(looped.statusCode).toBe(422);
    expect(looped.json().errors[0].message).toContain('cathode → cell → pack → cathode');

    const split = await post(`${base}/segments/cell/split`, {
      into: [{ key: 'lfp-cell', name: '磷酸铁锂电芯' }, { key: 'ncm-cell', name: '三元电芯' }],
      memberMapping: { [housingMaker.uscc]: 'ncm-cell' },
    }, suzhou);
    expect(split.statusCode).toBe(200);
    const afterSplit = new Map(split.json().segments.map((s: { key: string }) => [s.key, s]));
    expect(afterSplit.has('cell')).toBe(false);
    expect(afterSplit.get('lfp-cell')).toMatchObject({ upstream: ['cathode', 'anode'], members: [{ uscc: cellMaker.uscc, role: 'leader' }] });
    expect(afterSplit.get('ncm-cell')).toMatchObject({ members: [{ uscc: housingMaker.uscc }] });
    expect(afterSplit.get('pack')).toMatchObject({ upstream: ['lfp-cell', 'ncm-cell'] });

    const merged = await post(`${base}/segments/merge`, { keys: ['lfp-cell', 'ncm-cell'], into: { key: 'cell', name: '电芯制造' } }, suzhou);
    expect(merged.statusCode).toBe(200);
    const cell = merged.json().segments.find((s: { key: string }) => s.key === 'cell');
    expect(cell.members.map((m: { uscc: string }) => m.uscc).sort()).toEqual([cellMaker.uscc, housingMaker.uscc].sort());
    expect(merged.json().segments.find((s: { key: string }) => s.key === 'pack').upstream).toEqual(['cell']);

    const deleted = await app.inject({ method: 'DELETE', url: `${base}/segments/anode`, headers: suzhou });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().segments.find((s: { key: string }) => s.key === 'cell').upstream).toEqual(['cathode']);
    expect((await app.inject({ method: 'DELETE', url: `${base}/segments/anode`, headers: suzhou })).statusCode).toBe(404);

    const history = (await get(`${base}/history`, member)).json().items.map((h: { action: string }) => h.action);
    expect(history).toEqual([
      'chain.segment.delete', 'chain.segment.merge', 'chain.segment.split', 'chain.segment.update', 'chain.segment.add',
      'chain.member.add', 'chain.member.add', 'chain.create',
    ]);
  });
});

describe('members', () => {
  it('places an enterprise, lists it per segment and removes it', async () => {
    const id = await createSuzhouChain();
    const r = await post(`/api/v1/chains/${id}/members`, { uscc: cellMaker.uscc, segmentKey: 'cell', role: 'leader' }, suzhou);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ uscc: cellMaker.uscc, name: cellMaker.name, role: 'leader', source: 'manual', confidence: null });
    const listed = (await get(`/api/v1/chains/${id}/segments/cell/members`, member)).json().items;
    expect(listed.map((m: { uscc: string }) => m.uscc)).toEqual([cellMaker.uscc]);
    expect((await get(`/api/v1/chains/${id}`, member)).json().segments[1].memberCount).toBe(1);
    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/chains/${id}/members/cell/${cellMaker.uscc}`, headers: suzhou });
    expect(removed.statusCode).toBe(204);
    expect((await get(`/api/v1/chains/${id}/segments/cell/members`, suzhou)).json().items).toEqual([]);
  });

  it('exports the map to Excel, one row per member and one per empty segment', async () => {
    const id = await createSuzhouChain();
    await post(`/api/v1/chains/${id}/members`, { uscc: cellMaker.uscc, segmentKey: 'cell', role: 'leader' }, suzhou);
    const r = await app.inject({ method: 'GET', url: `/api/v1/chains/${id}/export`, headers: member });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0].getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual(expect.arrayContaining(['中游', '电芯制造', 'cell', '正极材料', cellMaker.name, cellMaker.uscc, '链主']));
  });

  it('answers an enterprise outside the writer’s scope like a missing one, and an unknown segment by its field', async () => {
    const id = await createSuzhouChain();
    const outside = await post(`/api/v1/chains/${id}/members`, { uscc: wuxiCellMaker.uscc, segmentKey: 'cell', role: 'supplier' }, suzhou);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([{ path: 'uscc', message: expect.stringContaining('未找到') }]);
    const unknown = await post(`/api/v1/chains/${id}/members`, { uscc: cellMaker.uscc, segmentKey: 'nowhere', role: 'supplier' }, suzhou);
    expect(unknown.json().errors.map((e: { path: string }) => e.path)).toEqual(['segmentKey']);
    // An admin may place any registered enterprise, also from another region.
    expect((await post(`/api/v1/chains/${id}/members`, { uscc: wuxiCellMaker.uscc, segmentKey: 'cell', role: 'supplier' }, admin)).statusCode).toBe(201);
  });
});

describe('suggestions', () => {
  it('ranks region firms with reasons, leaves out members, remembers rejections', async () => {
    const id = await createSuzhouChain();
    const url = `/api/v1/chains/${id}/suggestions?segmentKey=cell`;
    const first = await get(url, suzhou);
    expect(first.statusCode).toBe(200);
    const items = first.json().items;
    const usccs = items.map((s: { uscc: string }) => s.uscc);
    expect(usccs[0]).toBe(cellMaker.uscc);
    expect(usccs).not.toContain(wuxiCellMaker.uscc); // another city
    expect(items[0].score).toBeGreaterThan(0.5);
    expect(items[0].reasons).toEqual(expect.arrayContaining([expect.stringContaining('C3841'), expect.stringContaining('磷酸铁锂电芯')]));

    const rejected = await post(`/api/v1/chains/${id}/suggestions/reject`, { uscc: cellMaker.uscc, segmentKey: 'cell' }, suzhou);
    expect(rejected.statusCode).toBe(204);
    expect((await get(url, suzhou)).json().items.map((s: { uscc: string }) => s.uscc)).not.toContain(cellMaker.uscc);
    // Still suggested for another segment of the same chain.
    expect((await get(`/api/v1/chains/${id}/suggestions?segmentKey=pack`, suzhou)).json().items.map((s: { uscc: string }) => s.uscc)).toContain(cellMaker.uscc);

    const accepted = await post(`/api/v1/chains/${id}/members`, { uscc: cellMaker.uscc, segmentKey: 'pack', role: 'supplier', source: 'suggestion', confidence: 0.8 }, suzhou);
    expect(accepted.json()).toMatchObject({ source: 'suggestion', confidence: expect.closeTo(0.8, 5) });
    expect((await get(`/api/v1/chains/${id}/suggestions?segmentKey=pack`, suzhou)).json().items.map((s: { uscc: string }) => s.uscc)).not.toContain(cellMaker.uscc);
    expect((await get(`/api/v1/chains/${id}/history`, suzhou)).json().items[1]).toMatchObject({ action: 'chain.suggestion.reject', after: { uscc: cellMaker.uscc, segmentKey: 'cell' } });
  });

  it('names an unknown segment', async () => {
    const id = await createSuzhouChain();
    const r = await get(`/api/v1/chains/${id}/suggestions?segmentKey=nowhere`, suzhou);
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('segmentKey');
  });
});

describe('visibility (ADR 0006)', () => {
  it('lets every signed-in user read the map and the list; anonymous users get 401', async () => {
    const id = await createSuzhouChain();
    for (const headers of [wuxi, member, expert]) {
      const r = await get(`/api/v1/chains/${id}`, headers);
      expect(r.statusCode).toBe(200);
      expect(r.json().canWrite).toBe(false);
    }
    expect((await get(`/api/v1/chains?region=320500&limit=500`, wuxi)).json().items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await get(`/api/v1/chains/${id}`)).statusCode).toBe(401);
  });

  it('gives readers who may not write 403 on every write, and unknown chains 404', async () => {
    const id = await createSuzhouChain();
    const base = `/api/v1/chains/${id}`;
    for (const headers of [wuxi, member]) {
      expect((await post(`${base}/members`, { uscc: cellMaker.uscc, segmentKey: 'cell', role: 'supplier' }, headers)).statusCode).toBe(403);
      expect((await post(`${base}/segments`, { key: 'x', name: 'x', stage: 'upstream', upstream: [], products: [] }, headers)).statusCode).toBe(403);
      expect((await app.inject({ method: 'PATCH', url: `${base}/segments/cell`, payload: { name: 'x' }, headers })).statusCode).toBe(403);
      expect((await app.inject({ method: 'DELETE', url: `${base}/segments/cell`, headers })).statusCode).toBe(403);
      expect((await post(`${base}/segments/merge`, { keys: ['cell', 'pack'], into: { key: 'cell', name: 'x' } }, headers)).statusCode).toBe(403);
      expect((await get(`${base}/suggestions?segmentKey=cell`, headers)).statusCode).toBe(403);
      expect((await post(`${base}/suggestions/reject`, { uscc: cellMaker.uscc, segmentKey: 'cell' }, headers)).statusCode).toBe(403);
    }
    expect((await get(`${base}`, suzhou)).json().segments.map((s: { name: string }) => s.name)).toEqual(['正极材料', '电芯制造', '模组与PACK', '新能源整车']);
    expect((await get('/api/v1/chains/99999999', suzhou)).statusCode).toBe(404);
    expect((await get('/api/v1/chains/abc', suzhou)).statusCode).toBe(404);
    expect((await post('/api/v1/chains/99999999/members', { uscc: cellMaker.uscc, segmentKey: 'cell', role: 'supplier' }, suzhou)).statusCode).toBe(404);
  });

  it('filters the list by region, template and name', async () => {
    await createSuzhouChain();
    const tpl = await post('/api/v1/chains', { name: '苏州市光伏产业链', regionCode: '320500', templateKey: 'photovoltaic' }, suzhou);
    const byTemplate = (await get('/api/v1/chains?template=photovoltaic', member)).json();
    expect(byTemplate.items.map((c: { id: string }) => c.id)).toEqual([tpl.json().id]);
    expect(byTemplate.items[0]).toMatchObject({ regionName: '江苏省苏州市', segmentCount: 9, memberCount: 0 });
    expect((await get('/api/v1/chains?q=光伏', member)).json().total).toBe(1);
    expect((await get('/api/v1/chains?region=320200', member)).json().total).toBe(0);
    expect((await get('/api/v1/chains?region=999999', member)).statusCode).toBe(422);
  });
});

describe('OpenAPI', () => {
  it('documents the chain endpoints', async () => {
    const paths = Object.keys((await get('/api/openapi.json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/chains', '/api/v1/chains/{id}', '/api/v1/chains/{id}/members', '/api/v1/chains/{id}/suggestions', '/api/v1/chains/{id}/segments/{key}/split', '/api/v1/chain-templates']));
  });
});
