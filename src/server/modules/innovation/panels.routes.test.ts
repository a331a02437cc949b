import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let other: Awaited<ReturnType<typeof makeEnterprise>>;
let leaderUser: Headers;
let smeUser: Headers;
let otherUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
/** Five experts with profiles: headers and pool ids. */
const experts: { headers: Headers; id: string }[] = [];

const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86400_000));
const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const put = (url: string, headers: Headers, payload: object) => app.inject({ method: 'PUT', url, headers, payload });
const CHALLENGE = { title: '固态电池评审组测试榜单', type: 'proposal', problem: '需要室温离子电导率高于1mS/cm的固态电解质，兼容现有电芯产线', targets: ['离子电导率≥1mS/cm'], fields: ['固态电池'] };

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州评审组链主'), industryCode: 'C3841', employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州评审组材料'), industryCode: 'C2665' });
  other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡评审组电解质'), industryCode: 'C2665' });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  for (let i = 0; i < 5; i++) {
    const headers = (await loginAs(app, db, { role: 'expert' })).headers;
    const saved = await put('/api/v1/experts/me', headers, { name: `评审组专家${i}`, fields: ['固态电池', '电解质'], regionCode: '320500', maxLoad: 20 });
    expect(saved.statusCode).toBe(200);
    experts.push({ headers, id: saved.json().id });
  }
});

/** A challenge of the leader with applications of the SME and the other firm. */
async function challengeWithApplications(): Promise<{ id: string; smeApplication: string; otherApplication: string }> {
  const created = await post('/api/v1/challenges', leaderUser, { ...CHALLENGE, deadline: inDays(10) });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const a = await post(`/api/v1/challenges/${id}/applications`, smeUser, { uscc: sme.uscc, proposal: '采用硫化物固态电解质与界面包覆工艺，室温电导率达到2mS/cm' });
  const b = await post(`/api/v1/challenges/${id}/applications`, otherUser, { uscc: other.uscc, proposal: '氧化物固态电解质薄膜，电导率1.5mS/cm' });
  expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
  return { id, smeApplication: a.json().id, otherApplication: b.json().id };
}

/** Members 0–2 of {@link experts}, chaired by 0. */
const PANEL = () => ({ name: '固态电池评审组', chairExpertId: experts[0].id, memberExpertIds: [experts[1].id, experts[2].id] });

async function panelActions(id: string) {
  return (await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'review_panel').where('entity_key', '=', id).orderBy('id').execute()).map((a) => a.action);
}

describe('PUT /api/v1/challenges/:id/panel', () => {
  it('forms a panel whose chair is a member, audited, and changes it while forming', async () => {
    const { id } = await challengeWithApplications();
    const created = await put(`/api/v1/challenges/${id}/panel`, leaderUser, PANEL());
    expect(created.statusCode, created.body).toBe(201);
    const panel = created.json();
    expect(panel).toMatchObject({ name: '固态电池评审组', state: 'forming', chairExpertId: experts[0].id, chairName: '评审组专家0', canManage: true, myExpertId: null });
    expect(panel.members.map((m: { expertId: string }) => m.expertId).sort()).toEqual([experts[0].id, experts[1].id, experts[2].id].sort());
    expect(panel.members.find((m: { isChair: boolean }) => m.isChair).expertId).toBe(experts[0].id);
    expect(panel.members.every((m: { declaration: string }) => m.declaration === 'pending')).toBe(true);
    expect(panel.applicants.map((a: { uscc: string }) => a.uscc).sort()).toEqual([sme.uscc, other.uscc].sort());

    const changed = await put(`/api/v1/challenges/${id}/panel`, suzhou, { name: '固态电池评审组（调整）', chairExpertId: experts[3].id, memberExpertIds: [experts[1].id] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().members.map((m: { expertId: string }) => m.expertId).sort()).toEqual([experts[1].id, experts[3].id].sort());
    expect(await panelActions(id)).toEqual(['review_panel.create', 'review_panel.update']);
  });

  it('names unknown experts in a 422 and writes nothing', async () => {
    const { id } = await challengeWithApplications();
    const r = await put(`/api/v1/challenges/${id}/panel`, leaderUser, { name: '评审组', chairExpertId: '999999999', memberExpertIds: [experts[1].id, '999999998'] });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['chairExpertId', 'memberExpertIds.1']);
    const bad = await put(`/api/v1/challenges/${id}/panel`, leaderUser, { name: '', chairExpertId: 'x', memberExpertIds: [] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['chairExpertId', 'memberExpertIds', 'name']);
    expect((await get(`/api/v1/challenges/${id}/panel`, leaderUser)).statusCode).toBe(404);
    expect(await panelActions(id)).toEqual([]);
  });

  it('refuses non-managers (403) and keeps experts already assigned on the panel', async () => {
    const { id, smeApplication } = await challengeWithApplications();
    expect((await put(`/api/v1/challenges/${id}/panel`, smeUser, PANEL())).statusCode).toBe(403);
    expect((await put(`/api/v1/challenges/${id}/panel`, wuxi, PANEL())).statusCode).toBe(403);
    expect((await put(`/api/v1/challenges/${id}/panel`, experts[0].headers, PANEL())).statusCode).toBe(403);
    // Assigned by hand before any panel existed: that expert must be a member.
    expect((await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: smeApplication, expertId: experts[4].id })).statusCode).toBe(201);
    const r = await put(`/api/v1/challenges/${id}/panel`, leaderUser, PANEL());
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0]).toMatchObject({ path: 'memberExpertIds', message: expect.stringContaining('评审组专家4') });
  });
});

describe('GET /api/v1/challenges/:id/panel', () => {
  it('shows the panel to its managers and members only; everyone else gets 404 as for no panel', async () => {
    const { id } = await challengeWithApplications();
    const { id: without } = await challengeWithApplications();
    await put(`/api/v1/challenges/${id}/panel`, leaderUser, PANEL());
    expect((await get(`/api/v1/challenges/${id}/panel`, suzhou)).json().canManage).toBe(true);
    const member = await get(`/api/v1/challenges/${id}/panel`, experts[1].headers);
    expect(member.statusCode).toBe(200);
    expect(member.json()).toMatchObject({ canManage: false, myExpertId: experts[1].id });
    for (const outsider of [smeUser, otherUser, wuxi, experts[4].headers]) {
      const r = await get(`/api/v1/challenges/${id}/panel`, outsider);
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe((await get(`/api/v1/challenges/${without}/panel`, outsider)).body.replace(/"requestId":"[^"]+"/, r.body.match(/"requestId":"[^"]+"/)![0]));
    }
    expect((await get('/api/v1/challenges/999999999/panel', leaderUser)).statusCode).toBe(404);
  });
});

describe('panel states and assignment within the panel', () => {
  it('assigns only members, only while scoring, and stops everything once concluded', async () => {
    const { id, smeApplication } = await challengeWithApplications();
    await put(`/api/v1/challenges/${id}/panel`, leaderUser, PANEL());
    const early = await post(`/api/v1/challenges/${id}/assign-reviewers`, leaderUser, { perApplication: 2 });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('组建');
    expect((await post(`/api/v1/challenges/${id}/panel/conclude`, leaderUser)).statusCode).toBe(409);
    // Outsiders cannot tell a panel exists (404 as without one); a member who does not manage gets 403.
    expect((await post(`/api/v1/challenges/${id}/panel/start`, smeUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/challenges/${id}/panel/start`, wuxi)).statusCode).toBe(404);
    expect((await post(`/api/v1/challenges/${id}/panel/start`, experts[1].headers)).statusCode).toBe(403);
    const started = await post(`/api/v1/challenges/${id}/panel/start`, leaderUser);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().state).toBe('scoring');
    expect((await put(`/api/v1/challenges/${id}/panel`, leaderUser, PANEL())).statusCode).toBe(409);

    const assigned = await post(`/api/v1/challenges/${id}/assign-reviewers`, leaderUser, { perApplication: 3 });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const members = new Set([experts[0].id, experts[1].id, experts[2].id]);
    expect(assigned.json().assignments).toHaveLength(6);
    expect(assigned.json().assignments.every((a: { expertId: string }) => members.has(a.expertId))).toBe(true);
    const outsider = await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: smeApplication, expertId: experts[4].id });
    expect(outsider.statusCode).toBe(409);
    expect(outsider.json().reasons).toEqual(['not_panel_member']);

    const counts = (await get(`/api/v1/challenges/${id}/panel`, leaderUser)).json().members.map((m: { assigned: number }) => m.assigned);
    expect(counts).toEqual([2, 2, 2]);

    const [review] = (await get('/api/v1/reviews/mine', experts[0].headers)).json().items.filter((r: { challengeId: string }) => r.challengeId === id);
    const concluded = await post(`/api/v1/challenges/${id}/panel/conclude`, suzhou);
    expect(concluded.statusCode, concluded.body).toBe(200);
    expect(concluded.json()).toMatchObject({ state: 'concluded', concludedAt: expect.any(String) });
    expect((await post(`/api/v1/reviews/${review.id}/submit`, experts[0].headers, { scores: { innovation: 80, feasibility: 80, team: 80, cost: 80 } })).statusCode).toBe(409);
    expect((await post(`/api/v1/challenges/${id}/assign-reviewers`, leaderUser, { perApplication: 3 })).statusCode).toBe(409);
    expect((await post(`/api/v1/challenges/${id}/panel/declaration`, experts[1].headers, { conflicts: [] })).statusCode).toBe(409);
    expect(await panelActions(id)).toEqual(['review_panel.create', 'review_panel.start', 'review_panel.conclude']);
  });

  it('start and conclude without a panel are 404', async () => {
    const { id } = await challengeWithApplications();
    expect((await post(`/api/v1/challenges/${id}/panel/start`, leaderUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/challenges/${id}/panel/conclude`, smeUser)).statusCode).toBe(404);
  });
});

describe('POST /api/v1/challenges/:id/panel/declaration', () => {
  it('a declared conflict removes the member’s review of that applicant and bars them from it', async () => {
    const { id, smeApplication } = await challengeWithApplications();
    await put(`/api/v1/challenges/${id}/panel`, leaderUser, { name: '评审组', chairExpertId: experts[0].id, memberExpertIds: [experts[1].id, experts[2].id, experts[3].id] });
    await post(`/api/v1/challenges/${id}/panel/start`, leaderUser);
    expect((await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: smeApplication, expertId: experts[1].id })).statusCode).toBe(201);

    const declared = await post(`/api/v1/challenges/${id}/panel/declaration`, experts[1].headers, { conflicts: [{ uscc: sme.uscc.toLowerCase(), reason: '曾任该公司技术顾问' }] });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json().removedReviews).toBe(1);
    const me = declared.json().members.find((m: { expertId: string }) => m.expertId === experts[1].id);
    expect(me).toMatchObject({ declaration: 'declared', assigned: 0, conflicts: [{ uscc: sme.uscc, applicantName: sme.name, reason: '曾任该公司技术顾问' }] });
    expect((await post(`/api/v1/challenges/${id}/panel/declaration`, experts[2].headers, { conflicts: [] })).json().members.find((m: { expertId: string }) => m.expertId === experts[2].id).declaration).toBe('none');

    const byHand = await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: smeApplication, expertId: experts[1].id });
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json().reasons).toEqual(['panel_declared']);
    const auto = await post(`/api/v1/challenges/${id}/assign-reviewers`, leaderUser, { perApplication: 3 });
    expect(auto.statusCode, auto.body).toBe(200);
    const onSme = auto.json().assignments.filter((a: { applicationId: string }) => a.applicationId === smeApplication).map((a: { expertId: string }) => a.expertId);
    expect(onSme.sort()).toEqual([experts[0].id, experts[2].id, experts[3].id].sort());
    const audit = await db.selectFrom('audit_log').select('after').where('entity_type', '=', 'review_panel').where('entity_key', '=', id).where('action', '=', 'review_panel.declare').orderBy('id').execute();
    expect(audit).toHaveLength(2);
  });

  it('names a code that is not an applicant, and answers 404 to non-members', async () => {
    const { id } = await challengeWithApplications();
    await put(`/api/v1/challenges/${id}/panel`, leaderUser, PANEL());
    const r = await post(`/api/v1/challenges/${id}/panel/declaration`, experts[1].headers, { conflicts: [{ uscc: sme.uscc, reason: '亲属任职' }, { uscc: '91110000000000000X', reason: '无关' }] });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['conflicts.1.uscc']);
    const noReason = await post(`/api/v1/challenges/${id}/panel/declaration`, experts[1].headers, { conflicts: [{ uscc: sme.uscc, reason: '' }] });
    expect(noReason.json().errors.map((e: { path: string }) => e.path)).toEqual(['conflicts.0.reason']);
    expect((await get(`/api/v1/challenges/${id}/panel`, experts[1].headers)).json().members.find((m: { expertId: string }) => m.expertId === experts[1].id).declaration).toBe('pending');
    for (const outsider of [experts[4].headers, leaderUser, smeUser]) {
      expect((await post(`/api/v1/challenges/${id}/panel/declaration`, outsider, { conflicts: [] })).statusCode).toBe(404);
    }
  });
});

describe('POST /api/v1/challenges/:id/applications/:applicationId/withdraw', () => {
  it('the applicant withdraws: open reviews are dropped, scored ones stay, audited; nobody else may', async () => {
    const { id, smeApplication, otherApplication } = await challengeWithApplications();
    for (const expert of experts.slice(0, 2)) {
      expect((await post(`/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: smeApplication, expertId: expert.id })).statusCode).toBe(201);
    }
    const [scored] = (await get('/api/v1/reviews/mine', experts[0].headers)).json().items.filter((r: { applicationId: string }) => r.applicationId === smeApplication);
    expect((await post(`/api/v1/reviews/${scored.id}/submit`, experts[0].headers, { scores: { innovation: 80, feasibility: 80, team: 80, cost: 80 } })).statusCode).toBe(200);

    expect((await post(`/api/v1/challenges/${id}/applications/${smeApplication}/withdraw`, otherUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/challenges/${id}/applications/${smeApplication}/withdraw`, experts[0].headers)).statusCode).toBe(404);
    expect((await post(`/api/v1/challenges/${id}/applications/${smeApplication}/withdraw`, leaderUser)).statusCode).toBe(403);
    const done = await post(`/api/v1/challenges/${id}/applications/${smeApplication}/withdraw`, smeUser);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ id: smeApplication, status: 'withdrawn' });
    const left = await db.selectFrom('review_assignments').select(['id', 'status']).where('application_id', '=', smeApplication).execute();
    expect(left).toEqual([{ id: scored.id, status: 'submitted' }]);
    expect((await post(`/api/v1/challenges/${id}/applications/${smeApplication}/withdraw`, smeUser)).statusCode).toBe(409);
    expect((await get(`/api/v1/challenges/${id}`, smeUser)).json().applicationCount).toBe(1);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'challenge_application').where('entity_key', '=', smeApplication).where('action', '=', 'application.withdraw').execute();
    expect(audit).toHaveLength(1);
    // A withdrawn application gets no more reviewers.
    const auto = await post(`/api/v1/challenges/${id}/assign-reviewers`, leaderUser, { perApplication: 1 });
    expect(auto.json().assignments.map((a: { applicationId: string }) => a.applicationId)).toEqual([otherApplication]);
  });
});
