/**
 * Browser coverage of a challenge's life around its review: the publisher posts it with edited
 * weighted criteria (a wrong total is shown on the list, then fixed) and a disagreement threshold;
 * an SME withdraws its application and the publisher sees it withdrawn; the publisher changes the
 * threshold on the statistics tab (a value out of range is refused on the field) and the flags
 * follow; the trend chart draws; the publisher cancels the challenge with a reason, which the SME
 * then reads, and new applications are refused.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/seed.js';
import { screenshot, useBrowser } from './browser.js';

const baseUrl = inject('baseUrl');
const { logIn } = useBrowser();

const SME_USCC = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械 (the `sme` log-in)
const ZHIHENG_USCC = '91320583MA1N7H2C5B'; // 昆山智衡电子 (a demo little giant)
const RONGCHUAN_USCC = '91320507MA1T9F5A90'; // 苏州溶川新材料
const REVIEWER_PASSWORD = 'Challenge-e2e-2026!';

/** One API call with a bearer token; throws with the answer on a non-2xx unless `allow` lists the status. */
async function api<T = Record<string, unknown>>(token: string, method: string, path: string, body?: object, allow: number[] = []): Promise<T> {
  const r = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok && !allow.includes(r.status)) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (r.status === 204 ? null : { status: r.status, ...(await r.json()) }) as T;
}

async function token(username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return (await r.json()).token;
}

/** Type into an antd InputNumber by its test id (the id may land on the <input> itself). */
async function fillNumber(page: Page, testId: string, value: string): Promise<void> {
  const target = page.getByTestId(testId);
  const isInput = await target.evaluate((el) => el.tagName === 'INPUT');
  await (isInput ? target : target.locator('input')).fill(value);
}

async function openChallenge(page: Page, challengeId: string, tab?: string): Promise<void> {
  await page.goto(`${baseUrl}/challenges/${challengeId}`);
  await page.getByTestId('challenge-detail-page').waitFor();
  if (tab) await page.getByTestId(tab).click();
}

describe('a challenge: criteria editor, withdrawal, disagreement threshold, trend chart, cancellation', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `极耳激光焊接质量在线检测揭榜${tag}`;
  const state = { challengeId: '', smeApplication: '', zhihengApplication: '' };

  it('the publisher edits the weighted criteria: a wrong total shows on the list, then posts with a threshold', async () => {
    const page = await logIn('leader');
    await page.goto(`${baseUrl}/challenges/new`);
    await page.getByTestId('criteria-editor').waitFor();
    expect(await page.getByTestId('criterion-row').count()).toBe(4);
    await page.getByTestId('criterion-add').click();
    await page.getByTestId('criterion-name-4').fill('产线兼容性');
    await fillNumber(page, 'criterion-weight-4', '10');
    await expect.poll(() => page.getByTestId('criteria-sum').innerText()).toContain('110%');
    await page.getByTestId('challenge-title').fill(title);
    await page.getByTestId('challenge-problem').fill('动力电池极耳激光焊接需要在线检测虚焊、炸点与熔深不足，节拍满足每分钟60件。');
    const targets = page.getByTestId('challenge-targets').locator('input');
    await targets.fill('漏检率≤0.1%');
    await targets.press('Enter');
    await fillNumber(page, 'challenge-threshold', '15');
    await page.getByTestId('challenge-submit').click();
    await expect.poll(() => page.getByTestId('criteria-editor').innerText()).toContain('评审指标权重之和应为100');
    await screenshot(page, 'innovation-criteria-error-leader');
    await page.getByTestId('criterion-remove-3').click(); // 成本与进度 10 %
    await expect.poll(() => page.getByTestId('criteria-sum').innerText()).toContain('100%');
    await page.getByTestId('challenge-submit').click();
    await page.waitForURL(/\/challenges\/\d+$/);
    state.challengeId = page.url().split('/').pop()!;
    await page.getByTestId('challenge-detail-page').waitFor();
    expect(await page.getByTestId('challenge-detail-page').innerText()).toContain('产线兼容性 10%');
    const view = await api<{ criteria: { key: string; weight: number }[]; disagreementThreshold: number }>(await token('leader'), 'GET', `/challenges/${state.challengeId}`);
    expect(view.criteria.map((c) => `${c.key}:${c.weight}`)).toEqual(['innovation:40', 'feasibility:30', 'team:20', 'c1:10']);
    expect(view.disagreementThreshold).toBe(15);
    await page.context().close();
  });

  it('set-up through the API: three applications, two reviewers who score one of them 80 and 60', async () => {
    const admin = await token('admin', inject('adminPassword'));
    state.smeApplication = (await api<{ id: string }>(await token('sme'), 'POST', `/challenges/${state.challengeId}/applications`, { uscc: SME_USCC, proposal: '线激光三维轮廓配合熔池光谱监测，在线判定虚焊与炸点。' })).id;
    state.zhihengApplication = (await api<{ id: string }>(admin, 'POST', `/challenges/${state.challengeId}/applications`, { uscc: ZHIHENG_USCC, proposal: '同轴视觉与深度学习缺陷分类，节拍每分钟80件。' })).id;
    await api(admin, 'POST', `/challenges/${state.challengeId}/applications`, { uscc: RONGCHUAN_USCC, proposal: '超声相控阵离线抽检与在线视觉结合。' });
    const leader = await token('leader');
    for (const [i, score] of [80, 60].entries()) {
      const username = `chal_${tag.toLowerCase()}_${i}`;
      await api(admin, 'POST', '/users', { username, password: REVIEWER_PASSWORD, role: 'expert', displayName: `焊接评审${i}${tag}` });
      const reviewer = await token(username, REVIEWER_PASSWORD);
      const profile = await api<{ id: string }>(reviewer, 'PUT', '/experts/me', { name: `焊接评审${i}${tag}`, fields: ['激光焊接'], affiliation: '江苏大学', regionCode: '320100', maxLoad: 5 });
      await api(leader, 'POST', `/challenges/${state.challengeId}/reviewers`, { applicationId: state.zhihengApplication, expertId: profile.id });
      const { items } = await api<{ items: { id: string; applicationId: string }[] }>(reviewer, 'GET', '/reviews/mine');
      const review = items.find((r) => r.applicationId === state.zhihengApplication)!;
      await api(reviewer, 'POST', `/reviews/${review.id}/submit`, { scores: { innovation: score, feasibility: score, team: score, c1: score } });
    }
  });

  it('the SME withdraws its application; the publisher sees it withdrawn and no longer counted', async () => {
    const sme = await logIn('sme');
    await openChallenge(sme, state.challengeId);
    await sme.getByTestId('withdraw').click();
    await sme.getByTestId('withdraw-confirm').click();
    const own = sme.getByTestId('application-table').locator('tr.ant-table-row');
    await expect.poll(() => own.getByTestId('application-status').innerText()).toBe('已撤回');
    await screenshot(sme, 'innovation-withdrawn-sme');
    await sme.context().close();

    const page = await logIn('leader');
    await openChallenge(page, state.challengeId);
    const row = page.getByTestId('application-table').locator('tr.ant-table-row', { hasText: '苏州锐铭精密机械有限公司' });
    await expect.poll(() => row.getByTestId('application-status').innerText()).toBe('已撤回');
    expect(await row.getByTestId('shortlist').count()).toBe(0);
    expect(await row.getByTestId('award').count()).toBe(0);
    const view = await api<{ applicationCount: number }>(await token('leader'), 'GET', `/challenges/${state.challengeId}`);
    expect(view.applicationCount).toBe(2); // withdrawn applications are not counted
    await page.context().close();
  });

  it('the publisher changes the disagreement threshold on the statistics tab; out of range is refused on the field; flags follow; the trend chart draws', async () => {
    const page = await logIn('leader');
    await openChallenge(page, state.challengeId);
    const zhiheng = page.getByTestId('application-table').locator('tr.ant-table-row', { hasText: '昆山智衡' });
    await expect.poll(() => zhiheng.getByTestId('review-mean').innerText()).toBe('70');
    expect(await zhiheng.getByTestId('disagreement-flag').count()).toBe(1); // spread 20 > 15
    await page.getByTestId('tab-statistics').click();
    await expect.poll(() => page.getByTestId('threshold-flagged').innerText()).toContain('1');
    await page.getByTestId('stats-trend-chart').locator('canvas').waitFor();
    await fillNumber(page, 'threshold-input', '150');
    await page.getByTestId('threshold-save').click();
    await expect.poll(() => page.getByTestId('threshold-card').innerText()).toContain('不能大于100');
    await fillNumber(page, 'threshold-input', '25');
    await page.getByTestId('threshold-save').click();
    await expect.poll(() => page.getByTestId('threshold-flagged').innerText()).toContain('0');
    await screenshot(page, 'innovation-threshold-trend-leader');
    await page.getByText('揭榜申报', { exact: true }).first().click();
    await expect.poll(() => zhiheng.getByTestId('disagreement-flag').count()).toBe(0);
    await page.context().close();
  });

  it('the publisher cancels with a reason; the SME reads it; new applications are refused', async () => {
    const page = await logIn('leader');
    await openChallenge(page, state.challengeId);
    await page.getByTestId('challenge-cancel').click();
    await page.getByTestId('challenge-cancel-reason-input').fill('产线改造计划推迟，本次榜单取消，后续另行发布。');
    await screenshot(page, 'innovation-cancel-dialog-leader');
    await page.getByTestId('challenge-cancel-ok').click();
    await expect.poll(() => page.getByTestId('challenge-status').innerText()).toBe('已取消');
    expect(await page.getByTestId('challenge-cancel-reason').innerText()).toContain('产线改造计划推迟');
    expect(await page.getByTestId('challenge-cancel').count()).toBe(0);
    await page.context().close();

    const sme = await logIn('sme');
    await openChallenge(sme, state.challengeId);
    await sme.getByTestId('challenge-cancelled').waitFor();
    expect(await sme.getByTestId('challenge-cancel-reason').innerText()).toContain('产线改造计划推迟');
    await screenshot(sme, 'innovation-cancelled-sme');
    await sme.context().close();

    const admin = await token('admin', inject('adminPassword'));
    const refused = await api<{ status: number; detail: string }>(admin, 'POST', `/challenges/${state.challengeId}/applications`, { uscc: '91320571MA1W5B3L6L', proposal: '取消后再揭榜' }, [409]);
    expect(refused.status).toBe(409);
    expect(refused.detail).toContain('榜单已取消');
  });
});
