import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let leader: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let other: Awaited<ReturnType<typeof makeEnterprise>>;
let leaderUser: Headers;
let smeUser: Headers;
let otherUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let experts: Headers[] = [];

const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86400_000));
const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const CHALLENGE = { title: '高安全固态电池电解质揭榜', type: 'proposal', problem: '需要室温离子电导率高于1mS/cm的固态电解质，兼容现有电芯产线', targets: ['离子电导率≥1mS/cm', '循环1000次容量保持≥80%'], budget: 500, fields: ['固态电池', '电解质'] };

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州链主电池'), industryCode: 'C3841', employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州固态材料'), industryCode: 'C2665' });
  other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡电解质'), industryCode: 'C2665' });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  experts = [];
  for (let i = 0; i < 4; i++) {
    const expert = (await loginAs(app, db, { role: 'expert' })).headers;
    const saved = await app.inject({ method: 'PUT', url: '/api/v1/experts/me', headers: expert, payload: { name: `专家${i}`, fields: i < 2 ? ['固态电池', '电解质'] : ['电机'], regionCode: '320500', maxLoad: 5 } });
    expect(saved.statusCode).toBe(200);
    experts.push(expert);
  }
});

async function postChallenge(extra: object = {}): Promise<string> {
  const r = await post('/api/v1/challenges', leaderUser, { ...CHALLENGE, deadline: inDays(10), ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function apply(id: string, headers: Headers, uscc: string, proposal = '采用硫化物固态电解质与界面包覆工艺，室温电导率达到2mS/cm') {
  return post(`/api/v1/challenges/${id}/applications`, headers, { uscc, proposal, team: '博士3人', schedule: '12个月' });
}

describe('POST /api/v1/challenges', () => {
  it('posts an open challenge for the member’s enterprise with an audit entry', async () => {
    const id = await postChallenge();
    const view = (await get(`/api/v1/challenges/${id}`, smeUser)).json();
    expect(view).toMatchObject({ title: CHALLENGE.title, status: 'open', isOpen: true, budgetFen: 5_000_000_00, ownerUscc: leader.uscc, canManage: false, deadline: inDays(10) });
    expect((await get(`/api/v1/challenges/${id}`, leaderUser)).json().canManage).toBe(true);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'challenge').where('entity_key', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['challenge.create']);
  });

  it('refuses a past deadline and criteria not summing to 100, naming the fields', async () => {
    const r = await post('/api/v1/challenges', leaderUser, { ...CHALLENGE, deadline: '2020-01-01', criteria: [{ key: 'a', name: 'A', weight: 50 }] });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['criteria', 'deadline']);
  });

  it('links a challenge to a chain segment (weak link), validated by field and shown with names', async () => {
    const chain = await post('/api/v1/chains', suzhou, { templateKey: 'ev-battery', regionCode: '320500', name: `苏州揭榜动力电池产业链${Date.now()}` });
    expect(chain.statusCode, chain.body).toBe(201);
    const chainId = chain.json().id as string;
    const [segment] = (await get(`/api/v1/chains/${chainId}`, suzhou)).json().segments as { key: string; name: string }[];
    const created = await post('/api/v1/challenges', leaderUser, { ...CHALLENGE, deadline: inDays(10), chainId, segmentKey: segment.key });
    expect(created.statusCode, created.body).toBe(201);
    const view = (await get(`/api/v1/challenges/${created.json().id}`, smeUser)).json();
    expect(view).toMatchObject({ chainId, chainName: expect.stringContaining('苏州揭榜动力电池产业链'), segmentKey: segment.key, segmentName: segment.name });
    const plain = (await get(`/api/v1/challenges/${await postChallenge()}`, smeUser)).json();
    expect(plain).toMatchObject({ chainId: null, chainName: null, segmentKey: null, segmentName: null });
    for (const [body, path] of [[{ segmentKey: segment.key }, 'segmentKey'], [{ chainId, segmentKey: 'no-such-segment' }, 'segmentKey'], [{ chainId: '99999999' }, 'chainId']] as const) {
      const bad = await post('/api/v1/challenges', leaderUser, { ...CHALLENGE, deadline: inDays(10), ...body });
      expect(bad.statusCode, JSON.stringify(body)).toBe(422);
      expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
  });

  it('refuses experts and another enterprise’s uscc', async () => {
    expect((await post('/api/v1/challenges', experts[0], { ...CHALLENGE, deadline: inDays(3) })).statusCode).toBe(403);
    const r = await post('/api/v1/challenges', smeUser, { ...CHALLENGE, deadline: inDays(3), uscc: leader.uscc });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('uscc');
  });
});

describe('applications', () => {
  it('accepts an application and shows similar ones on the next submit', async () => {
    const id = await postChallenge();
    const first = await apply(id, smeUser, sme.uscc);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().status).toBe('submitted');
    const second = await apply(id, otherUser, other.uscc, '硫化物固态电解质界面包覆工艺，室温电导率2mS/cm，兼容产线');
    expect(second.statusCode).toBe(201);
    const similar = second.json().similar;
    expect(similar.some((s: { kind: string; id: string | null }) => s.kind === 'application' && s.id === null)).toBe(true);
    expect((await apply(id, smeUser, sme.uscc)).statusCode).toBe(409);
  });

  it('answers 409 after the deadline', async () => {
    const id = await postChallenge();
    await db.updateTable('challenges').set({ deadline: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    const r = await apply(id, smeUser, sme.uscc);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('invalid_state');
    expect(await db.selectFrom('challenge_applications').select('id').where('challenge_id', '=', id).execute()).toEqual([]);
  });

  it('shows an applicant only its own application and 404 for another’s', async () => {
    const id = await postChallenge();
    const mine = (await apply(id, smeUser, sme.uscc)).json().id;
    const theirs = (await apply(id, otherUser, other.uscc)).json().id;
    const list = (await get(`/api/v1/challenges/${id}/applications`, smeUser)).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([mine]);
    expect(list.items[0].result).toBeNull();
    expect((await get(`/api/v1/challenges/${id}/applications/${theirs}`, smeUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/challenges/${id}/applications/${mine}`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/challenges/${id}/applications/${mine}`, suzhou)).statusCode).toBe(200);
    expect((await get(`/api/v1/challenges/${id}/statistics`, smeUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/challenges/${id}/applications/export`, smeUser)).statusCode).toBe(404);
    const exported = await get(`/api/v1/challenges/${id}/applications/export`, leaderUser);
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('揭榜申报')!.rowCount).toBe(3);
    const stats = (await get(`/api/v1/challenges/${id}/statistics`, leaderUser)).json();
    expect(stats.applicants).toBe(2);
    expect(stats.byRegion.map((r: { regionCode: string }) => r.regionCode).sort()).toEqual(['320214', '320506']);
  });
});

describe('confidential challenges', () => {
  it('hides the details until the NDA is accepted, and needs the NDA to apply', async () => {
    const id = await postChallenge({ confidential: true, confidentialDetails: '电芯型号BX-9，目标成本0.4元/Wh' });
    expect((await get(`/api/v1/challenges/${id}`, smeUser)).json().confidentialDetails).toBeNull();
    expect((await get(`/api/v1/challenges/${id}`, leaderUser)).json().confidentialDetails).toContain('BX-9');
    expect((await apply(id, smeUser, sme.uscc)).statusCode).toBe(409);
    const accepted = await post(`/api/v1/challenges/${id}/nda`, smeUser);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ hasAcceptedNda: true, confidentialDetails: expect.stringContaining('BX-9') });
    expect((await get(`/api/v1/challenges/${id}`, otherUser)).json().confidentialDetails).toBeNull();
    expect((await apply(id, smeUser, sme.uscc)).statusCode).toBe(201);
  });
});

describe('Q&A', () => {
  it('lets anyone ask and only the poster answer', async () => {
    const id = await postChallenge();
    const q = await post(`/api/v1/challenges/${id}/questions`, smeUser, { question: '是否接受半固态方案？' });
    expect(q.statusCode).toBe(201);
    const qid = q.json().id;
    expect((await post(`/api/v1/challenges/${id}/questions/${qid}/answer`, otherUser, { answer: '不接受' })).statusCode).toBe(403);
    expect((await post(`/api/v1/challenges/${id}/questions/${qid}/answer`, leaderUser, { answer: '不接受，须为全固态' })).statusCode).toBe(200);
    const list = (await get(`/api/v1/challenges/${id}/questions`, otherUser)).json().items;
    expect(list).toEqual([expect.objectContaining({ question: '是否接受半固态方案？', answer: '不接受，须为全固态' })]);
  });
});

describe('reviews', () => {
  it('assigns k reviewers by field, never a conflicted one; scores blind; aggregates; awards; tracks milestones', async () => {
    const id = await postChallenge({ reviewsPerApplication: 2 });
    const smeApp = (await apply(id, smeUser, sme.uscc)).json().id;
    const otherApp = (await apply(id, otherUser, other.uscc)).json().id;
    // Expert 0 works for the SME (same organisation); expert 1's employer supplies the other applicant.
    const supplier = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州供应') });
    const expertRows = await db.selectFrom('experts').select(['id', 'name']).where('name', 'in', ['专家0', '专家1', '专家2', '专家3']).orderBy('id', 'desc').limit(4).execute();
    const byName = new Map(expertRows.map((r) => [r.name, r.id]));
    await db.updateTable('experts').set({ affiliation_uscc: sme.uscc }).where('id', '=', byName.get('专家0')!).execute();
    await db.updateTable('experts').set({ affiliation_uscc: supplier.uscc }).where('id', '=', byName.get('专家1')!).execute();
    await sql`INSERT INTO supply_edges (supplier_id, customer_id, product, region_code) VALUES (${supplier.id}, ${other.id}, '电解质', '320214')`.execute(db);

    expect((await post(`/api/v1/challenges/${id}/assign-reviewers`, smeUser, { perApplication: 2 })).statusCode).toBe(403);
    const assigned = await post(`/api/v1/challenges/${id}/assign-reviewers`, leaderUser, { perApplication: 2 });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const { assignments, objective, gap } = assigned.json();
    expect(assignments).toHaveLength(4);
    expect(objective).toBeGreaterThan(0);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(assignments).not.toContainEqual({ applicationId: smeApp, expertId: byName.get('专家0') });
    expect(assignments).not.toContainEqual({ applicationId: otherApp, expertId: byName.get('专家1') });
    // The field experts go where they are not conflicted.
    expect(assignments).toContainEqual({ applicationId: smeApp, expertId: byName.get('专家1') });
    expect(assignments).toContainEqual({ applicationId: otherApp, expertId: byName.get('专家0') });

    const byHand = await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: smeApp, expertId: byName.get('专家0') });
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json().reasons).toEqual(['same_organisation']);
    expect(byHand.json().detail).toContain('同一单位');
    const bySupply = await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: otherApp, expertId: byName.get('专家1') });
    expect(bySupply.statusCode).toBe(409);
    expect(bySupply.json().reasons).toEqual(['supply_edge']);

    // Expert 0's queue: blind (no applicant name), one click to the form.
    const queue = (await get('/api/v1/reviews/mine', experts[0])).json().items;
    expect(queue).toHaveLength(1);
    expect(JSON.stringify(queue[0])).not.toContain(other.name);
    expect((await get(`/api/v1/reviews/${queue[0].id}`, experts[1])).statusCode).toBe(404);
    const missing = await post(`/api/v1/reviews/${queue[0].id}/submit`, experts[0], { scores: { innovation: 90 } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toContain('scores.feasibility');
    const scored = await post(`/api/v1/reviews/${queue[0].id}/submit`, experts[0], { scores: { innovation: 90, feasibility: 80, team: 70, cost: 60 } });
    expect(scored.statusCode).toBe(200);
    expect(scored.json().total).toBe(80); // 90·.4 + 80·.3 + 70·.2 + 60·.1
    const secondReviewer = assignments.find((a: { applicationId: string; expertId: string }) => a.applicationId === otherApp && a.expertId !== byName.get('专家0'));
    const index = [...byName.entries()].find(([, v]) => v === secondReviewer.expertId)![0];
    const reviewer = experts[Number(index.slice(2))];
    const theirQueue = (await get('/api/v1/reviews/mine', reviewer)).json().items;
    const review = theirQueue.find((r: { applicationId: string }) => r.applicationId === otherApp);
    await post(`/api/v1/reviews/${review.id}/submit`, reviewer, { scores: { innovation: 40, feasibility: 40, team: 40, cost: 40 } });

    const results = (await get(`/api/v1/challenges/${id}/applications`, leaderUser)).json().items;
    const otherResult = results.find((a: { id: string }) => a.id === otherApp).result;
    expect(otherResult).toMatchObject({ submitted: 2, mean: 60, min: 40, max: 80, isDisagreement: true });

    expect((await post(`/api/v1/challenges/${id}/applications/${otherApp}/shortlist`, leaderUser)).json().status).toBe('shortlisted');
    expect((await post(`/api/v1/challenges/${id}/applications/${otherApp}/award`, otherUser)).statusCode).toBe(403);
    expect((await post(`/api/v1/challenges/${id}/applications/${otherApp}/award`, leaderUser)).json().status).toBe('awarded');
    expect((await post(`/api/v1/challenges/${id}/applications/${otherApp}/award`, leaderUser)).statusCode).toBe(409);
    expect((await get(`/api/v1/challenges/${id}`, smeUser)).json().status).toBe('awarded');

    const m1 = await post(`/api/v1/challenges/${id}/milestones`, leaderUser, { applicationId: otherApp, title: '小试样品', dueDate: inDays(60), weightPct: 40 });
    expect(m1.statusCode).toBe(201);
    expect((await post(`/api/v1/challenges/${id}/milestones`, leaderUser, { applicationId: otherApp, title: '过量', dueDate: inDays(90), weightPct: 70 })).statusCode).toBe(422);
    expect((await post(`/api/v1/challenges/${id}/milestones`, leaderUser, { applicationId: smeApp, title: '未中标', dueDate: inDays(90), weightPct: 10 })).statusCode).toBe(409);
    expect((await post(`/api/v1/challenges/${id}/milestones/${m1.json().id}/accept`, leaderUser)).statusCode).toBe(409);
    expect((await post(`/api/v1/challenges/${id}/milestones/${m1.json().id}/deliver`, smeUser, { report: '不是我的' })).statusCode).toBe(404);
    expect((await post(`/api/v1/challenges/${id}/milestones/${m1.json().id}/deliver`, otherUser, { report: '样品已交付，电导率1.8mS/cm' })).statusCode).toBe(204);
    expect((await post(`/api/v1/challenges/${id}/milestones/${m1.json().id}/accept`, leaderUser)).statusCode).toBe(204);
    expect((await get(`/api/v1/challenges/${id}/milestones`, otherUser)).json().progressPct).toBe(40);
    expect((await get(`/api/v1/challenges/${id}/milestones`, smeUser)).json().items).toEqual([]);
  });

  it('refuses a declared conflict by hand with its reason', async () => {
    const id = await postChallenge();
    const appId = (await apply(id, smeUser, sme.uscc)).json().id;
    const declarer = (await loginAs(app, db, { role: 'expert' })).headers;
    const saved = await app.inject({ method: 'PUT', url: '/api/v1/experts/me', headers: declarer, payload: { name: '投资人专家', fields: ['固态电池'], regionCode: '320500', conflicts: [{ uscc: sme.uscc, kind: 'investment', note: '持股5%' }] } });
    expect(saved.json().conflicts).toEqual([{ uscc: sme.uscc, kind: 'investment', note: '持股5%' }]);
    const r = await post(`/api/v1/challenges/${id}/reviewers`, suzhou, { applicationId: appId, expertId: saved.json().id });
    expect(r.statusCode).toBe(409);
    expect(r.json().reasons).toEqual(['investment']);
    expect(await db.selectFrom('review_assignments').select('id').where('application_id', '=', appId).execute()).toEqual([]);
  });

  it('answers 409 with the reason when there are not enough reviewers', async () => {
    const id = await postChallenge();
    await apply(id, smeUser, sme.uscc);
    const r = await post(`/api/v1/challenges/${id}/assign-reviewers`, leaderUser, { perApplication: 9 });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toMatch(/专家|容量/);
  });
});

describe('challenge files', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const upload = (url: string, headers: Headers, name: string, bytes: Buffer, fields: Record<string, string> = {}) => {
    const body = multipartBody(bytes, name, fields);
    return app.inject({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
  };

  it('serves confidential files only after the NDA: 404 for a non-applicant, the bytes after acceptance', async () => {
    const id = await postChallenge({ confidential: true, confidentialDetails: '见附件' });
    const secret = await upload(`/api/v1/challenges/${id}/files`, leaderUser, '电芯图纸.pdf', PDF, { confidential: 'true' });
    expect(secret.statusCode, secret.body).toBe(201);
    const open = await upload(`/api/v1/challenges/${id}/files`, leaderUser, '公开说明.txt', Buffer.from('公开说明'));
    expect(open.statusCode).toBe(201);
    expect((await upload(`/api/v1/challenges/${id}/files`, smeUser, 'x.txt', Buffer.from('x'))).statusCode).toBe(403);
    expect((await upload(`/api/v1/challenges/${id}/files`, leaderUser, 'x.exe', Buffer.from('MZ'))).statusCode).toBe(415);

    const listed = (await get(`/api/v1/challenges/${id}/files`, otherUser)).json();
    expect(listed.files.map((f: { name: string }) => f.name)).toEqual(['公开说明.txt']);
    expect(listed.confidentialFiles).toBeNull();
    const denied = await get(`/api/v1/challenges/${id}/files/${secret.json().id}`, otherUser);
    expect(denied.statusCode).toBe(404);
    const missing = await get(`/api/v1/challenges/${id}/files/999999999`, otherUser);
    expect(denied.json().title).toBe(missing.json().title);
    expect((await get(`/api/v1/challenges/${id}/files/${open.json().id}`, otherUser)).statusCode).toBe(200);

    await post(`/api/v1/challenges/${id}/nda`, smeUser);
    const allowed = await get(`/api/v1/challenges/${id}/files/${secret.json().id}`, smeUser);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.rawPayload.equals(PDF)).toBe(true);
    expect(allowed.headers['content-disposition']).toContain('attachment');
    expect((await get(`/api/v1/challenges/${id}/files`, smeUser)).json().confidentialFiles).toHaveLength(1);
    // A file id of another challenge is not reachable through this one.
    const otherChallenge = await postChallenge();
    expect((await get(`/api/v1/challenges/${otherChallenge}/files/${secret.json().id}`, leaderUser)).statusCode).toBe(404);
  });

  it('keeps application files to the applicant and the managers', async () => {
    const id = await postChallenge();
    const appId = (await apply(id, smeUser, sme.uscc)).json().id;
    const file = await upload(`/api/v1/challenges/${id}/applications/${appId}/files`, smeUser, '方案.pdf', PDF);
    expect(file.statusCode, file.body).toBe(201);
    expect((await upload(`/api/v1/challenges/${id}/applications/${appId}/files`, otherUser, 'x.pdf', PDF)).statusCode).toBe(404);
    expect((await get(`/api/v1/challenges/${id}/applications/${appId}/files/${file.json().id}`, leaderUser)).statusCode).toBe(200);
    expect((await get(`/api/v1/challenges/${id}/applications/${appId}/files/${file.json().id}`, otherUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/challenges/${id}/applications/${appId}/files`, smeUser)).json().items).toHaveLength(1);
  });
});

describe('cancelling a challenge and its disagreement threshold', () => {
  /** Experts 2 and 3 (no conflicts with `other`) review `other`'s application: 80 and 60. */
  async function reviewedChallenge(): Promise<{ id: string; appId: string; smeApp: string }> {
    const id = await postChallenge({ disagreementThreshold: 25 });
    const appId = (await apply(id, otherUser, other.uscc)).json().id;
    const smeApp = (await apply(id, smeUser, sme.uscc)).json().id;
    const rows = await db.selectFrom('experts').select(['id', 'name']).where('name', 'in', ['专家2', '专家3']).orderBy('id', 'desc').limit(2).execute();
    for (const [name, value] of [['专家2', 80], ['专家3', 60]] as const) {
      const expertId = rows.find((r) => r.name === name)!.id;
      expect((await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: appId, expertId })).statusCode).toBe(201);
      const reviewer = experts[Number(name.slice(2))];
      const review = (await get('/api/v1/reviews/mine', reviewer)).json().items.find((r: { applicationId: string }) => r.applicationId === appId);
      const scored = await post(`/api/v1/reviews/${review.id}/submit`, reviewer, { scores: { innovation: value, feasibility: value, team: value, cost: value } });
      expect(scored.statusCode, scored.body).toBe(200);
    }
    // An open (unscored) review of the SME's application.
    expect((await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: smeApp, expertId: rows.find((r) => r.name === '专家2')!.id })).statusCode).toBe(201);
    return { id, appId, smeApp };
  }
  const flagOf = async (id: string, appId: string) => (await get(`/api/v1/challenges/${id}/applications`, leaderUser)).json().items.find((a: { id: string }) => a.id === appId).result.isDisagreement;
  const putThreshold = (id: string, headers: Headers, payload: object) => app.inject({ method: 'PUT', url: `/api/v1/challenges/${id}/disagreement-threshold`, headers, payload });

  it('sets the threshold at posting and lets the publisher change it; the flags follow; bad values → 422 naming the field', async () => {
    const { id, appId } = await reviewedChallenge();
    expect((await get(`/api/v1/challenges/${id}`, leaderUser)).json()).toMatchObject({ disagreementThreshold: 25, canSetThreshold: true, canCancel: true });
    expect((await get(`/api/v1/challenges/${id}`, smeUser)).json()).toMatchObject({ canSetThreshold: false, canCancel: false });
    expect(await flagOf(id, appId)).toBe(false); // spread 20 ≤ 25
    const lowered = await putThreshold(id, leaderUser, { disagreementThreshold: 10 });
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect(lowered.json().disagreementThreshold).toBe(10);
    expect(await flagOf(id, appId)).toBe(true);
    for (const bad of [101, -1, 12.5, '十']) {
      const r = await putThreshold(id, leaderUser, { disagreementThreshold: bad });
      expect(r.statusCode).toBe(422);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['disagreementThreshold']);
    }
    expect((await post('/api/v1/challenges', leaderUser, { ...CHALLENGE, deadline: inDays(10), disagreementThreshold: 200 })).json().errors.map((e: { path: string }) => e.path)).toEqual(['disagreementThreshold']);
    expect((await putThreshold(id, smeUser, { disagreementThreshold: 30 })).statusCode).toBe(403);
    expect((await putThreshold(id, suzhou, { disagreementThreshold: 30 })).statusCode).toBe(403); // in scope, but not the publisher
    const audit = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'challenge').where('entity_key', '=', id).where('action', '=', 'challenge.threshold').execute();
    expect(audit).toEqual([{ action: 'challenge.threshold', before: { disagreementThreshold: 25 }, after: { disagreementThreshold: 10 } }]);
  });

  it('lets the publisher cancel with a reason: applicants are notified, open reviews dropped, new applications and threshold changes 409', async () => {
    const { id, smeApp } = await reviewedChallenge();
    expect((await post(`/api/v1/challenges/${id}/cancel`, leaderUser, {})).json().errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    expect((await post(`/api/v1/challenges/${id}/cancel`, otherUser, { reason: '我想取消' })).statusCode).toBe(403);
    expect((await post(`/api/v1/challenges/${id}/cancel`, suzhou, { reason: '主管部门取消' })).statusCode).toBe(403);
    const cancelled = await post(`/api/v1/challenges/${id}/cancel`, leaderUser, { reason: '技术路线调整，改为内部研发' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '技术路线调整，改为内部研发', isOpen: false, canCancel: false, canSetThreshold: false });
    expect((await get(`/api/v1/challenges/${id}`, smeUser)).json()).toMatchObject({ status: 'cancelled', cancelReason: '技术路线调整，改为内部研发' });
    expect(await db.selectFrom('review_assignments').select('id').where('application_id', '=', smeApp).execute()).toEqual([]);
    expect(await db.selectFrom('review_assignments').select('id').where('challenge_id', '=', id).where('status', '=', 'submitted').execute()).toHaveLength(2);
    for (const headers of [smeUser, otherUser]) {
      const inbox = (await get('/api/v1/notifications?limit=50', headers)).json().items as { kind: string; entityKey: string; params: object; link: string }[];
      expect(inbox.filter((n) => n.kind === 'challenge.cancelled' && n.entityKey === id)).toEqual([expect.objectContaining({ params: { title: CHALLENGE.title, reason: '技术路线调整，改为内部研发' }, link: `/challenges/${id}` })]);
    }
    const late = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州后来者') });
    const lateUser = (await loginAs(app, db, { role: 'member', orgUscc: late.uscc })).headers;
    const refused = await apply(id, lateUser, late.uscc);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('榜单已取消');
    expect((await post(`/api/v1/challenges/${id}/cancel`, leaderUser, { reason: '再取消一次' })).statusCode).toBe(409);
    expect((await putThreshold(id, leaderUser, { disagreementThreshold: 30 })).statusCode).toBe(409);
    const audit = await db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'challenge').where('entity_key', '=', id).where('action', '=', 'challenge.cancel').execute();
    expect(audit).toEqual([{ action: 'challenge.cancel', after: expect.objectContaining({ status: 'cancelled', reason: '技术路线调整，改为内部研发' }) }]);
  });

  it('refuses to cancel an awarded challenge (409); a department’s challenge is cancelled by gov in scope', async () => {
    const { id, appId } = await reviewedChallenge();
    expect((await post(`/api/v1/challenges/${id}/applications/${appId}/award`, leaderUser)).statusCode).toBe(200);
    const refused = await post(`/api/v1/challenges/${id}/cancel`, leaderUser, { reason: '已揭榜后取消' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('揭榜成功');
    const dept = await post('/api/v1/challenges', suzhou, { ...CHALLENGE, deadline: inDays(10) });
    expect(dept.statusCode, dept.body).toBe(201);
    expect((await post(`/api/v1/challenges/${dept.json().id}/cancel`, wuxi, { reason: '越权取消' })).statusCode).toBe(403);
    expect((await post(`/api/v1/challenges/${dept.json().id}/cancel`, suzhou, { reason: '并入市级专项' })).json().status).toBe('cancelled');
  });
});
