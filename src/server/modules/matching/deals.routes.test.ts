import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
type Firm = Awaited<ReturnType<typeof makeEnterprise>>;
let app: App;
let db: Db;
let buyer: Firm; // large, 苏州工业园区 320571
let supplier: Firm; // small, 吴中 320506
let rival: Firm; // small, 无锡 320214
let outsider: Firm; // small, 吴中, never invited
let buyerUser: Headers;
let supplierUser: Headers;
let rivalUser: Headers;
let outsiderUser: Headers;
let suzhou: Headers; // gov 320500
let wuxi: Headers; // gov 320200
let nanjing: Headers; // gov 320100: neither party's region
let expert: Headers;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州对接电池'), industryCode: 'C3841', employees: 5000, revenue: 900000, assets: 900000, products: ['磷酸铁锂电芯'] });
  supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州对接结构件'), industryCode: 'C3484', products: ['电池模组精密结构件', '精密冲压件'], capabilities: '五轴CNC加工电池模组端板、侧板', tags: ['innovative', 'specialized'] });
  rival = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡对接结构件'), industryCode: 'C3484', products: ['精密冲压件'] });
  outsider = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('吴中旁观精密'), industryCode: 'C3484', products: ['精密冲压件'] });
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  supplierUser = (await loginAs(app, db, { role: 'member', orgUscc: supplier.uscc })).headers;
  rivalUser = (await loginAs(app, db, { role: 'member', orgUscc: rival.uscc })).headers;
  outsiderUser = (await loginAs(app, db, { role: 'member', orgUscc: outsider.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  nanjing = (await loginAs(app, db, { role: 'gov', regionCode: '320100' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

const get = (url: string, headers?: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const NEED = { title: '电池模组精密结构件配套', description: '储能电池模组端板、侧板精密结构件，CNC精度±0.02mm', kind: 'supporting', products: ['电池模组精密结构件', '精密冲压件'] };
const QUOTE = { priceFen: 1_250_000_00, leadTimeDays: 20, moq: '5000套', terms: '月结60天，质保1年' };

async function publishedNeed(extra: object = {}): Promise<string> {
  const created = await post('/api/v1/needs', buyerUser, { ...NEED, ...extra });
  expect(created.statusCode).toBe(201);
  const { id } = created.json();
  expect((await post(`/api/v1/needs/${id}/submit`, buyerUser)).statusCode).toBe(200);
  expect((await post(`/api/v1/needs/${id}/publish`, suzhou)).statusCode).toBe(200);
  return id;
}

/** An RFQ on a fresh published need with the supplier and the rival invited; deadline `ms` ahead. */
async function openRfq(ms = 3_600_000, invited: string[] = [supplier.uscc, rival.uscc]): Promise<{ needId: string; rfqId: string }> {
  const needId = await publishedNeed();
  const r = await post(`/api/v1/needs/${needId}/rfqs`, buyerUser, { deadlineAt: new Date(Date.now() + ms).toISOString(), invitedUsccs: invited, description: '报价含税含运费' });
  expect(r.statusCode).toBe(201);
  return { needId, rfqId: r.json().id };
}

/** Time passes: move an RFQ's deadline into the past. */
async function passDeadline(rfqId: string): Promise<void> {
  await db.updateTable('rfqs').set({ deadline_at: new Date(Date.now() - 1000) }).where('id', '=', rfqId).execute();
}

async function invited(needId: string, uscc = supplier.uscc): Promise<string> {
  const r = await post(`/api/v1/needs/${needId}/invite`, buyerUser, { uscc, message: '请联系采购部张经理' });
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

describe('publish → match → invite → quote → award', () => {
  it('takes a candidate from the ranked matches through an RFQ to a deal row', async () => {
    const needId = await publishedNeed();
    const candidates = (await get(`/api/v1/needs/${needId}/matches?limit=20`, buyerUser)).json().items.map((m: { uscc: string }) => m.uscc);
    expect(candidates).toContain(supplier.uscc);

    const invitation = await post(`/api/v1/needs/${needId}/invite`, buyerUser, { uscc: supplier.uscc });
    expect(invitation.statusCode).toBe(201);
    expect(invitation.json()).toMatchObject({ stage: 'invited', side: 'buyer', supplierUscc: supplier.uscc, buyerUscc: buyer.uscc });
    const matchId = invitation.json().id;
    const feed = (await get('/api/v1/matches?side=supplier', supplierUser)).json().items;
    expect(feed.find((m: { id: string }) => m.id === matchId)).toMatchObject({ stage: 'invited', side: 'supplier', needTitle: NEED.title });
    expect((await post(`/api/v1/matches/${matchId}/accept`, supplierUser)).json().stage).toBe('negotiating');

    const deadlineAt = new Date(Date.now() + 1500).toISOString();
    const rfq = await post(`/api/v1/needs/${needId}/rfqs`, buyerUser, { deadlineAt, invitedUsccs: [supplier.uscc, rival.uscc] });
    expect(rfq.statusCode).toBe(201);
    const rfqId = rfq.json().id;
    expect(rfq.json()).toMatchObject({ isSealed: true, side: 'buyer', quoteCount: 0, status: 'open' });
    const mine = await post(`/api/v1/rfqs/${rfqId}/quotes`, supplierUser, QUOTE);
    expect(mine.statusCode).toBe(201);
    expect((await post(`/api/v1/rfqs/${rfqId}/quotes`, rivalUser, { ...QUOTE, priceFen: 1_300_000_00, leadTimeDays: 15 })).statusCode).toBe(201);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(deadlineAt).getTime() - Date.now() + 50)));
    const comparison = await get(`/api/v1/rfqs/${rfqId}/quotes`, buyerUser);
    expect(comparison.json().isSealed).toBe(false);
    expect(comparison.json().items.map((q: { supplierUscc: string; priceFen: number }) => [q.supplierUscc, q.priceFen])).toEqual([[supplier.uscc, 1_250_000_00], [rival.uscc, 1_300_000_00]]);

    const award = await post(`/api/v1/rfqs/${rfqId}/award`, buyerUser, { quoteId: mine.json().id });
    expect(award.statusCode).toBe(200);
    expect(award.json().rfq).toMatchObject({ status: 'awarded', awardedQuoteId: mine.json().id });
    expect(award.json().match).toMatchObject({ id: matchId, stage: 'deal', deal: { amountFen: 1_250_000_00, rfqId } });
    const deal = await db.selectFrom('deals').selectAll().where('match_id', '=', matchId).executeTakeFirstOrThrow();
    expect(deal).toMatchObject({ need_id: needId, buyer_enterprise_id: buyer.id, supplier_enterprise_id: supplier.id, amount_fen: '125000000', buyer_region_code: '320571', supplier_region_code: '320506', rfq_id: rfqId });
    const history = (await get(`/api/v1/matches/${matchId}/history`, supplierUser)).json().items.map((e: { action: string }) => e.action);
    expect(history).toEqual(['match.deal', 'match.accept', 'match.invite']);
    expect((await post(`/api/v1/rfqs/${rfqId}/award`, buyerUser, { quoteId: mine.json().id })).statusCode).toBe(409);
  });

  it('creates the match at award when the winner was invited to the RFQ only', async () => {
    const { rfqId, needId } = await openRfq();
    const quote = (await post(`/api/v1/rfqs/${rfqId}/quotes`, rivalUser, QUOTE)).json();
    await passDeadline(rfqId);
    const award = await post(`/api/v1/rfqs/${rfqId}/award`, buyerUser, { quoteId: quote.id, amountFen: 99_00, signedOn: '2026-01-05' });
    expect(award.statusCode).toBe(200);
    expect(award.json().match).toMatchObject({ needId, supplierUscc: rival.uscc, stage: 'deal', deal: { amountFen: 99_00, signedOn: '2026-01-05' } });
    const rivalView = (await get(`/api/v1/rfqs/${rfqId}`, rivalUser)).json();
    expect(rivalView).toMatchObject({ status: 'awarded', awardedQuoteId: quote.id, myQuote: { isAwarded: true } });
  });
});

describe('sealed quotes', () => {
  it('keeps a quote invisible to the other supplier, the buyer and gov before the deadline', async () => {
    const { rfqId } = await openRfq();
    const sealed = await post(`/api/v1/rfqs/${rfqId}/quotes`, supplierUser, QUOTE);
    expect(sealed.statusCode).toBe(201);
    const quoteId = sealed.json().id;

    // The other supplier: only its own (none), and the sealed quote's id looks missing.
    const asRival = await get(`/api/v1/rfqs/${rfqId}/quotes`, rivalUser);
    expect(asRival.statusCode).toBe(200);
    expect(asRival.json()).toEqual({ isSealed: true, items: [] });
    const byId = await get(`/api/v1/rfqs/${rfqId}/quotes/${quoteId}`, rivalUser);
    const missing = await get(`/api/v1/rfqs/${rfqId}/quotes/999999999`, rivalUser);
    expect(byId.statusCode).toBe(404);
    expect({ ...byId.json(), requestId: 0 }).toEqual({ ...missing.json(), requestId: 0 });
    expect(JSON.stringify((await get(`/api/v1/rfqs/${rfqId}`, rivalUser)).json())).not.toContain(String(QUOTE.priceFen));

    // Buyer and gov: no content, not even by id, nor in the export or the history.
    for (const headers of [buyerUser, suzhou]) {
      expect((await get(`/api/v1/rfqs/${rfqId}/quotes`, headers)).json()).toEqual({ isSealed: true, items: [] });
      expect((await get(`/api/v1/rfqs/${rfqId}/quotes/${quoteId}`, headers)).statusCode).toBe(404);
      expect((await get(`/api/v1/rfqs/${rfqId}/quotes/export`, headers)).statusCode).toBe(409);
    }
    expect((await get(`/api/v1/rfqs/${rfqId}`, buyerUser)).json()).toMatchObject({ quoteCount: 1, myQuote: null });
    const audit = await db.selectFrom('audit_log').select(['after']).where('entity_type', '=', 'quote').where('entity_key', '=', quoteId).execute();
    expect(JSON.stringify(audit)).not.toContain(String(QUOTE.priceFen));
    expect((await post(`/api/v1/rfqs/${rfqId}/award`, buyerUser, { quoteId })).statusCode).toBe(409);

    // Its author sees and revises it.
    const own = await get(`/api/v1/rfqs/${rfqId}/quotes/${quoteId}`, supplierUser);
    expect(own.json()).toMatchObject({ priceFen: QUOTE.priceFen, moq: '5000套' });
    const revised = await post(`/api/v1/rfqs/${rfqId}/quotes`, supplierUser, { ...QUOTE, priceFen: 1_200_000_00 });
    expect(revised.statusCode).toBe(200);
    expect(revised.json()).toMatchObject({ id: quoteId, priceFen: 1_200_000_00 });
  });

  it('never shows an invited supplier who else was invited', async () => {
    const { rfqId } = await openRfq();
    const view = await get(`/api/v1/rfqs/${rfqId}`, supplierUser);
    expect(view.json()).toMatchObject({ side: 'supplier', invited: null, quoteCount: null });
    expect(JSON.stringify(view.json())).not.toContain(rival.uscc);
    const listed = (await get('/api/v1/rfqs?side=supplier', supplierUser)).json().items.find((r: { id: string }) => r.id === rfqId);
    expect(listed.invited).toBeNull();
    expect((await get(`/api/v1/rfqs/${rfqId}/history`, supplierUser)).json().items).toEqual([]);
    const asBuyer = (await get(`/api/v1/rfqs/${rfqId}`, buyerUser)).json();
    expect(asBuyer.invited.map((i: { uscc: string }) => i.uscc).sort()).toEqual([supplier.uscc, rival.uscc].sort());
  });

  it('refuses quotes after the deadline with 409, and opens the comparison and its export to the buyer', async () => {
    const { rfqId } = await openRfq();
    expect((await post(`/api/v1/rfqs/${rfqId}/quotes`, supplierUser, QUOTE)).statusCode).toBe(201);
    await passDeadline(rfqId);
    const late = await post(`/api/v1/rfqs/${rfqId}/quotes`, rivalUser, QUOTE);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('invalid_state');
    expect((await post(`/api/v1/rfqs/${rfqId}/quotes`, supplierUser, QUOTE)).statusCode).toBe(409);
    expect((await post(`/api/v1/rfqs/${rfqId}/invite`, buyerUser, { usccs: [outsider.uscc] })).statusCode).toBe(409);
    const comparison = (await get(`/api/v1/rfqs/${rfqId}/quotes`, suzhou)).json();
    expect(comparison.items).toHaveLength(1);
    // After the deadline the other supplier still sees only its own quotes.
    expect((await get(`/api/v1/rfqs/${rfqId}/quotes`, rivalUser)).json().items).toEqual([]);
    const xlsx = await get(`/api/v1/rfqs/${rfqId}/quotes/export`, buyerUser);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(1).getCell(2).value).toBe(supplier.name);
    expect(workbook.worksheets[0].getRow(2).getCell(2).value).toBe(QUOTE.priceFen / 100);
  });

  it('validates RFQs: deadline in the future, known USCCs, published needs, the owner only', async () => {
    const needId = await publishedNeed();
    const past = await post(`/api/v1/needs/${needId}/rfqs`, buyerUser, { deadlineAt: '2020-01-01T00:00:00Z', invitedUsccs: [supplier.uscc] });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([{ path: 'deadlineAt', message: expect.any(String) }]);
    const unknown = await post(`/api/v1/needs/${needId}/rfqs`, buyerUser, { deadlineAt: new Date(Date.now() + 60_000).toISOString(), invitedUsccs: [supplier.uscc, '91320000MA00000000', buyer.uscc] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors.map((e: { path: string }) => e.path)).toEqual(['invitedUsccs.1', 'invitedUsccs.2']);
    expect((await post(`/api/v1/needs/${needId}/rfqs`, buyerUser, { deadlineAt: 'tomorrow', invitedUsccs: [] })).json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['deadlineAt', 'invitedUsccs']);
    const body = { deadlineAt: new Date(Date.now() + 60_000).toISOString(), invitedUsccs: [supplier.uscc] };
    expect((await post(`/api/v1/needs/${needId}/rfqs`, supplierUser, body)).statusCode).toBe(403);
    const draft = (await post('/api/v1/needs', buyerUser, NEED)).json().id;
    expect((await post(`/api/v1/needs/${draft}/rfqs`, buyerUser, body)).statusCode).toBe(409);
    expect((await post(`/api/v1/needs/${draft}/rfqs`, supplierUser, body)).statusCode).toBe(404);
  });

  it('lets only invited suppliers quote, and rejects bad amounts with the field', async () => {
    const { rfqId } = await openRfq();
    expect((await post(`/api/v1/rfqs/${rfqId}/quotes`, outsiderUser, QUOTE)).statusCode).toBe(404);
    expect((await post(`/api/v1/rfqs/${rfqId}/quotes`, buyerUser, QUOTE)).statusCode).toBe(403);
    expect((await post(`/api/v1/rfqs/${rfqId}/quotes`, suzhou, QUOTE)).statusCode).toBe(403);
    const bad = await post(`/api/v1/rfqs/${rfqId}/quotes`, supplierUser, { ...QUOTE, priceFen: 12.5, leadTimeDays: -1 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['leadTimeDays', 'priceFen']);
    expect((await post(`/api/v1/rfqs/${rfqId}/invite`, buyerUser, { usccs: [outsider.uscc] })).statusCode).toBe(200);
    expect((await post(`/api/v1/rfqs/${rfqId}/quotes`, outsiderUser, QUOTE)).statusCode).toBe(201);
  });
});

describe('match lifecycle', () => {
  it('declines with a reason from the list (其他 needs a note), and refuses verbs out of stage with 409', async () => {
    const matchId = await invited(await publishedNeed());
    expect((await post(`/api/v1/matches/${matchId}/accept`, buyerUser)).statusCode).toBe(403);
    expect((await post(`/api/v1/matches/${matchId}/deal`, supplierUser, { amountFen: 100, signedOn: '2026-01-01' })).statusCode).toBe(409);
    const other = await post(`/api/v1/matches/${matchId}/decline`, supplierUser, { reason: 'other' });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].path).toBe('note');
    expect((await post(`/api/v1/matches/${matchId}/decline`, supplierUser, { reason: 'cheap' })).json().errors[0].path).toBe('reason');
    const declined = await post(`/api/v1/matches/${matchId}/decline`, supplierUser, { reason: 'capacity', note: '本季度产能已满' });
    expect(declined.json()).toMatchObject({ stage: 'declined', declineReason: 'capacity', declinedBy: 'supplier' });
    expect((await post(`/api/v1/matches/${matchId}/accept`, supplierUser)).statusCode).toBe(409);
  });

  it('records a deal by either side after negotiation, checks amount and date, and refuses a second invitation', async () => {
    const needId = await publishedNeed();
    const matchId = await invited(needId);
    expect((await post(`/api/v1/needs/${needId}/invite`, buyerUser, { uscc: supplier.uscc })).statusCode).toBe(409);
    expect((await post(`/api/v1/needs/${needId}/invite`, buyerUser, { uscc: buyer.uscc })).statusCode).toBe(422);
    expect((await post(`/api/v1/needs/${needId}/invite`, supplierUser, { uscc: rival.uscc })).statusCode).toBe(403);
    await post(`/api/v1/matches/${matchId}/accept`, supplierUser);
    const bad = await post(`/api/v1/matches/${matchId}/deal`, buyerUser, { amountFen: 0, signedOn: '2026-02-30' });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['amountFen', 'signedOn']);
    expect((await post(`/api/v1/matches/${matchId}/deal`, buyerUser, { amountFen: 100, signedOn: '2999-01-01' })).statusCode).toBe(422);
    expect((await post(`/api/v1/matches/${matchId}/deal`, suzhou, { amountFen: 100, signedOn: '2026-01-01' })).statusCode).toBe(403);
    const deal = await post(`/api/v1/matches/${matchId}/deal`, buyerUser, { amountFen: 5_000_000_00, signedOn: '2026-01-02' });
    expect(deal.json()).toMatchObject({ stage: 'deal', deal: { amountFen: 5_000_000_00, signedOn: '2026-01-02', rfqId: null } });
    expect((await post(`/api/v1/matches/${matchId}/decline`, supplierUser, { reason: 'price' })).statusCode).toBe(409);
  });

  it('refuses invitations on needs that are not published', async () => {
    const draft = (await post('/api/v1/needs', buyerUser, NEED)).json().id;
    expect((await post(`/api/v1/needs/${draft}/invite`, buyerUser, { uscc: supplier.uscc })).statusCode).toBe(409);
  });
});

describe('scope', () => {
  it('hides matches from members who are not a party and from gov outside both regions exactly like missing ones', async () => {
    const matchId = await invited(await publishedNeed());
    for (const headers of [outsiderUser, rivalUser, nanjing, expert]) {
      const hidden = await get(`/api/v1/matches/${matchId}`, headers);
      const missing = await get('/api/v1/matches/999999999', headers);
      expect(hidden.statusCode).toBe(404);
      expect({ ...hidden.json(), requestId: 0 }).toEqual({ ...missing.json(), requestId: 0 });
      expect((await post(`/api/v1/matches/${matchId}/accept`, headers)).statusCode).toBe(404);
      expect((await get(`/api/v1/matches/${matchId}/history`, headers)).statusCode).toBe(404);
      expect((await get('/api/v1/matches?limit=500', headers)).json().items.map((m: { id: string }) => m.id)).not.toContain(matchId);
    }
    expect((await get(`/api/v1/matches/${matchId}`, suzhou)).json().side).toBe('observer');
    expect((await post(`/api/v1/matches/${matchId}/accept`, suzhou)).statusCode).toBe(403);
  });

  it('shows the supplier only its own match, never the need’s other candidates', async () => {
    const needId = await publishedNeed();
    const mine = await invited(needId, supplier.uscc);
    const theirs = await invited(needId, rival.uscc);
    const seen = (await get(`/api/v1/matches?needId=${needId}`, supplierUser)).json().items.map((m: { id: string }) => m.id);
    expect(seen).toEqual([mine]);
    expect((await get(`/api/v1/matches/${theirs}`, supplierUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/matches?needId=${needId}`, buyerUser)).json().items.map((m: { id: string }) => m.id).sort()).toEqual([mine, theirs].sort());
    // 无锡's gov sees the match of its supplier, not the other one.
    expect((await get(`/api/v1/matches/${theirs}`, wuxi)).statusCode).toBe(200);
    expect((await get(`/api/v1/matches/${mine}`, wuxi)).statusCode).toBe(404);
  });

  it('hides RFQs and quotes from the uninvited and from gov outside the buyer’s region', async () => {
    const { rfqId } = await openRfq(3_600_000, [supplier.uscc]);
    const quoteId = (await post(`/api/v1/rfqs/${rfqId}/quotes`, supplierUser, QUOTE)).json().id;
    await passDeadline(rfqId);
    for (const headers of [outsiderUser, rivalUser, wuxi, expert]) {
      expect((await get(`/api/v1/rfqs/${rfqId}`, headers)).statusCode).toBe(404);
      expect((await get(`/api/v1/rfqs/${rfqId}/quotes`, headers)).statusCode).toBe(404);
      expect((await get(`/api/v1/rfqs/${rfqId}/quotes/${quoteId}`, headers)).statusCode).toBe(404);
      expect((await post(`/api/v1/rfqs/${rfqId}/award`, headers, { quoteId })).statusCode).toBe(404);
      expect((await get('/api/v1/rfqs?limit=500', headers)).json().items.map((r: { id: string }) => r.id)).not.toContain(rfqId);
    }
    expect((await get(`/api/v1/rfqs/${rfqId}/quotes/${quoteId}`, suzhou)).statusCode).toBe(200);
    expect((await post(`/api/v1/rfqs/${rfqId}/award`, supplierUser, { quoteId })).statusCode).toBe(403);
  });
});

describe('GET /api/v1/deals/stats and /deals', () => {
  it('counts the region’s matches by stage and lists its deals for gov, and the own enterprise’s for members', async () => {
    const before = (await get('/api/v1/deals/stats', suzhou)).json();
    await invited(await publishedNeed());
    const b = await invited(await publishedNeed());
    await post(`/api/v1/matches/${b}/decline`, buyerUser, { reason: 'price' });
    const c = await invited(await publishedNeed());
    await post(`/api/v1/matches/${c}/accept`, supplierUser);
    await post(`/api/v1/matches/${c}/deal`, supplierUser, { amountFen: 777_00, signedOn: '2026-03-01' });
    const after = (await get('/api/v1/deals/stats', suzhou)).json();
    expect(after.byStage.invited - before.byStage.invited).toBe(1);
    expect(after.byStage.declined - before.byStage.declined).toBe(1);
    expect(after.byStage.deal - before.byStage.deal).toBe(1);
    expect(after.declineReasons.price - before.declineReasons.price).toBe(1);
    expect(after.dealAmountFen - before.dealAmountFen).toBe(777_00);
    const nanjingStats = (await get('/api/v1/deals/stats', nanjing)).json();
    expect(nanjingStats).toMatchObject({ dealCount: 0, byStage: { invited: 0, negotiating: 0, deal: 0, declined: 0 } });
    const deals = (await get('/api/v1/deals?limit=500', suzhou)).json().items.map((d: { matchId: string }) => d.matchId);
    expect(deals).toContain(c);
    expect((await get('/api/v1/deals?limit=500', nanjing)).json().items).toEqual([]);
    expect((await get('/api/v1/deals?limit=500', outsiderUser)).json().items).toEqual([]);
    expect((await get('/api/v1/deals?region=999999', suzhou)).statusCode).toBe(422);
    const xlsx = await get('/api/v1/deals/export', suzhou);
    expect(xlsx.statusCode).toBe(200);
    expect((await get('/api/v1/matches/export', supplierUser)).statusCode).toBe(200);
  });
});

describe('attachments', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const upload = (url: string, headers: Headers, file: Buffer, name: string) => {
    const body = multipartBody(file, name);
    return app.inject({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
  };

  it('attaches files to a need for its managers, serves them to its readers only, and refuses bad types and sizes', async () => {
    const needId = await publishedNeed();
    const stored = await upload(`/api/v1/needs/${needId}/files`, buyerUser, PDF, '技术规格书.pdf');
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({ name: '技术规格书.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
    const fileId = stored.json().id;
    expect((await get(`/api/v1/needs/${needId}/files`, supplierUser)).json().items.map((f: { id: string }) => f.id)).toEqual([fileId]);
    const download = await get(`/api/v1/needs/${needId}/files/${fileId}`, supplierUser);
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.rawPayload.equals(PDF)).toBe(true);

    expect((await upload(`/api/v1/needs/${needId}/files`, supplierUser, PDF, 'x.pdf')).statusCode).toBe(403);
    expect((await upload(`/api/v1/needs/${needId}/files`, buyerUser, Buffer.from('MZ\x90\x00'), 'setup.exe')).statusCode).toBe(415);
    expect((await upload(`/api/v1/needs/${needId}/files`, buyerUser, Buffer.from('not a pdf'), 'fake.pdf')).statusCode).toBe(415);
    expect((await upload(`/api/v1/needs/${needId}/files`, buyerUser, Buffer.alloc(20 * 1024 * 1024 + 1, 0x20), 'big.txt')).statusCode).toBe(413);
    expect((await db.selectFrom('files').select('id').where('owner_kind', '=', 'need').where('owner_id', '=', needId).execute())).toHaveLength(1);
    const history = (await get(`/api/v1/needs/${needId}/history`, buyerUser)).json().items.map((e: { action: string }) => e.action);
    expect(history[0]).toBe('need.attach');

    const draft = (await post('/api/v1/needs', buyerUser, NEED)).json().id;
    const draftFile = (await upload(`/api/v1/needs/${draft}/files`, buyerUser, PDF, 'draft.pdf')).json().id;
    expect((await get(`/api/v1/needs/${draft}/files/${draftFile}`, supplierUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/needs/${needId}/files/${draftFile}`, supplierUser)).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/needs/${needId}/files/${fileId}`, headers: buyerUser })).statusCode).toBe(204);
  });

  it('keeps a quote’s files as sealed as the quote', async () => {
    const { rfqId } = await openRfq();
    expect((await upload(`/api/v1/rfqs/${rfqId}/quote-files`, supplierUser, PDF, '报价单.pdf')).statusCode).toBe(403);
    const quoteId = (await post(`/api/v1/rfqs/${rfqId}/quotes`, supplierUser, QUOTE)).json().id;
    const stored = await upload(`/api/v1/rfqs/${rfqId}/quote-files`, supplierUser, PDF, '报价单.pdf');
    expect(stored.statusCode).toBe(201);
    const fileUrl = `/api/v1/rfqs/${rfqId}/quotes/${quoteId}/files/${stored.json().id}`;
    expect((await get(fileUrl, supplierUser)).statusCode).toBe(200);
    for (const headers of [rivalUser, buyerUser, suzhou]) expect((await get(fileUrl, headers)).statusCode).toBe(404);
    expect((await get(`/api/v1/rfqs/${rfqId}`, supplierUser)).json().myQuote.files.map((f: { name: string }) => f.name)).toEqual(['报价单.pdf']);
    await passDeadline(rfqId);
    expect((await upload(`/api/v1/rfqs/${rfqId}/quote-files`, supplierUser, PDF, 'late.pdf')).statusCode).toBe(409);
    expect((await get(fileUrl, buyerUser)).statusCode).toBe(200);
    expect((await get(fileUrl, rivalUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/rfqs/${rfqId}/quotes`, buyerUser)).json().items[0].files).toHaveLength(1);
  });
});
