/**
 * Browser coverage of a challenge's review: the 评审组 tab (the owner forms the panel from the
 * filtered pool and starts it, a member declares a conflict, the owner concludes it), a
 * disagreement flag from two reviewers' scores set through the API, the owner's shortlist, and the
 * challenge statistics (applicants, regions, trend).
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/seed.js';
import { businessDate } from '../../src/server/platform/dates.js';
import { pickOption, screenshot, useBrowser } from './browser.js';

const baseUrl = inject('baseUrl');
const { logIn } = useBrowser();

const SME_USCC = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械 (the `sme` log-in)
const ZHIHENG_USCC = '91320583MA1N7H2C5B'; // 昆山智衡电子 (a demo little giant)
const REVIEWER_PASSWORD = 'Panel-e2e-2026!';

/** One API call with a bearer token; throws with the answer on a non-2xx. */
async function api<T = Record<string, unknown>>(token: string, method: string, path: string, body?: object): Promise<T> {
  const r = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (r.status === 204 ? null : await r.json()) as T;
}

async function token(username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return (await r.json()).token;
}

/** The challenge page, on a tab other than the applications when given. */
async function openChallenge(page: Page, challengeId: string, tab?: string): Promise<void> {
  await page.goto(`${baseUrl}/challenges/${challengeId}`);
  await page.getByTestId('challenge-detail-page').waitFor();
  if (tab) await page.getByTestId(tab).click();
}

describe('a challenge reviewed by a named panel: form, declare, disagree, shortlist, statistics, conclude', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `固态电池极片干法涂布揭榜${tag}`;
  const reviewers = [`评审甲${tag}`, `评审乙${tag}`];
  const state: { challengeId: string; smeApplication: string; reviewerTokens: string[]; reviewerIds: string[]; leader: string } = { challengeId: '', smeApplication: '', reviewerTokens: [], reviewerIds: [], leader: '' };

  it('set-up through the API: two reviewer accounts, a challenge, two applications', async () => {
    const admin = await token('admin', inject('adminPassword'));
    for (const [i, name] of reviewers.entries()) {
      const username = `panel_${tag.toLowerCase()}_${i}`;
      await api(admin, 'POST', '/users', { username, password: REVIEWER_PASSWORD, role: 'expert', displayName: name });
      const reviewer = await token(username, REVIEWER_PASSWORD);
      const profile = await api<{ id: string }>(reviewer, 'PUT', '/experts/me', { name, fields: ['固态电池', '干法电极'], affiliation: '东南大学', regionCode: '320100', maxLoad: 5 });
      state.reviewerTokens.push(reviewer);
      state.reviewerIds.push(profile.id);
    }
    state.leader = await token('leader');
    const deadline = businessDate(new Date(Date.now() + 20 * 86_400_000));
    state.challengeId = (await api<{ id: string }>(state.leader, 'POST', '/challenges', { title, type: 'proposal', problem: '需要干法电极涂布工艺，极片面密度一致性满足固态电池量产要求。', targets: ['面密度偏差≤1.5%'], fields: ['固态电池'], budget: 120, deadline })).id;
    state.smeApplication = (await api<{ id: string }>(await token('sme'), 'POST', `/challenges/${state.challengeId}/applications`, { uscc: SME_USCC, proposal: '以纤维化PTFE粘结剂干法成膜，配合精密辊压，面密度偏差控制在1.2%。' })).id;
    await api(admin, 'POST', `/challenges/${state.challengeId}/applications`, { uscc: ZHIHENG_USCC, proposal: '静电喷涂干法电极工艺，配套在线面密度检测。' });
  });

  it('the owner forms the panel in the 评审组 tab from the filtered pool, with a chair, and starts it', async () => {
    const page = await logIn('leader');
    await openChallenge(page, state.challengeId, 'tab-panel');
    await page.getByTestId('panel-form').waitFor();
    const search = page.getByTestId('panel-pool-search').locator('input');
    const pick = async (q: string, name: string) => {
      await search.fill(q);
      await search.press('Enter');
      const row = page.getByTestId('panel-pool').locator('tr', { hasText: name });
      await row.waitFor();
      await row.locator('.ant-checkbox-input').check();
    };
    await pick(tag, reviewers[0]);
    await pick(tag, reviewers[1]);
    await pick('王工', '王工');
    await expect.poll(() => page.getByTestId('panel-selected').innerText()).toContain('3');
    await page.getByTestId('panel-name-input').fill(`干法电极评审组${tag}`);
    await pickOption(page, page.getByTestId('panel-chair'), reviewers[0]);
    await screenshot(page, 'innovation-panel-form-leader');
    await page.getByTestId('panel-save').click();
    await expect.poll(() => page.getByTestId('panel-state').innerText()).toBe('组建中');
    await expect.poll(() => page.getByTestId('panel-members').locator('tr.ant-table-row').count()).toBe(3);
    await page.getByTestId('panel-start').click();
    await expect.poll(() => page.getByTestId('panel-state').innerText()).toBe('评审中');
    await screenshot(page, 'innovation-panel-scoring-leader');
    await page.context().close();
  });

  it('a member (王工) declares a conflict with one applicant, with the reason', async () => {
    const page = await logIn('expert');
    await openChallenge(page, state.challengeId, 'tab-panel');
    const applicant = page.getByTestId('panel-declare-applicant').filter({ hasText: '昆山智衡' });
    await applicant.locator('.ant-checkbox-input').check();
    await applicant.getByTestId('panel-declare-reason').fill('本人持有该公司少量股份');
    await page.getByTestId('panel-declare-submit').click();
    const me = page.getByTestId('panel-members').locator('tr', { hasText: '王工' });
    await expect.poll(() => me.getByTestId('panel-declaration').innerText()).toContain('本人持有该公司少量股份');
    expect(await me.getByTestId('panel-declaration').innerText()).toContain('已申报冲突');
    await screenshot(page, 'innovation-panel-declare-expert');
    await page.context().close();
  });

  it('two reviewers disagree (scores set through the API): the owner sees the flag and shortlists the application', async () => {
    for (const expertId of state.reviewerIds) {
      await api(state.leader, 'POST', `/challenges/${state.challengeId}/reviewers`, { applicationId: state.smeApplication, expertId });
    }
    for (const [i, reviewer] of state.reviewerTokens.entries()) {
      const { items } = await api<{ items: { id: string; applicationId: string }[] }>(reviewer, 'GET', '/reviews/mine');
      const review = items.find((r) => r.applicationId === state.smeApplication)!;
      const v = i === 0 ? 90 : 40;
      await api(reviewer, 'POST', `/reviews/${review.id}/submit`, { scores: { innovation: v, feasibility: v, team: v, cost: v } });
    }
    const page = await logIn('leader');
    await openChallenge(page, state.challengeId);
    const row = page.getByTestId('application-table').locator('tr.ant-table-row', { hasText: '苏州锐铭精密机械有限公司' });
    await expect.poll(() => row.getByTestId('review-mean').innerText()).toBe('65');
    expect(await row.innerText()).toContain('分歧较大');
    expect(await row.innerText()).toContain('(40–90)');
    await screenshot(page, 'innovation-disagreement-leader');
    await row.getByTestId('shortlist').click();
    await expect.poll(() => row.getByTestId('application-status').innerText()).toBe('入围');
    await screenshot(page, 'innovation-shortlisted-leader');
    await page.context().close();
  });

  it('the owner reads the statistics: applicants, regions and the trend', async () => {
    const page = await logIn('leader');
    await openChallenge(page, state.challengeId, 'tab-statistics');
    await expect.poll(() => page.getByTestId('stats-applicants').innerText()).toBe('2');
    const regions = await page.getByTestId('stats-by-region').innerText();
    expect(regions).toContain('吴中区');
    expect(regions).toContain('昆山市');
    expect(await page.getByTestId('stats-trend').innerText()).toContain(businessDate(new Date()));
    await screenshot(page, 'innovation-statistics-leader');
    await page.context().close();
  });

  it('苏州’s department concludes the panel', async () => {
    const page = await logIn('gov_sz');
    await openChallenge(page, state.challengeId, 'tab-panel');
    await page.getByTestId('panel-conclude').click();
    await expect.poll(() => page.getByTestId('panel-state').innerText()).toBe('已结束');
    const reviews = await page.getByTestId('panel-members').innerText();
    expect(reviews).toContain('1 / 1');
    await screenshot(page, 'innovation-panel-concluded-gov');
    await page.context().close();
  });
});
