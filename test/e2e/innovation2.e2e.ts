import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pickOption, screenshot, useBrowser } from './browser.js';

const { logIn } = useBrowser();
const SUZHOU_BATTERY_CHAIN = '苏州市新能源汽车动力电池产业链';

async function openConsortia(page: Page): Promise<void> {
  await page.getByTestId('menu-consortia').click();
  await page.getByTestId('consortium-list-page').waitFor();
}

describe('a large firm forms a consortium on a chain segment, inviting two firms; the SME accepts', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const name = `长三角储能电芯创新联合体${tag}`;

  /** Type words of an enterprise's name into a candidate picker and pick it (the list is searched on the server). */
  async function pickEnterprise(page: Page, testId: string, words: string): Promise<void> {
    const picker = page.getByTestId(testId);
    await picker.click();
    await page.keyboard.type(words);
    await pickOption(page, picker, words);
  }

  it('the leader forms the consortium with a chain, a segment and two invitees, invites a third, edits the segment and adds a joint project', async () => {
    const page = await logIn('leader');
    await openConsortia(page);
    await page.getByTestId('consortium-table').getByText('苏州固态电池创新联合体').waitFor();
    await screenshot(page, 'collab-consortia-leader');
    await page.getByTestId('consortium-create-button').click();
    await page.getByTestId('consortium-name').fill(name);
    await page.getByTestId('consortium-field').fill('储能电芯');
    await pickOption(page, page.getByTestId('consortium-chain'), SUZHOU_BATTERY_CHAIN);
    await pickOption(page, page.getByTestId('consortium-segment'), '电芯制造');
    await page.getByTestId('consortium-member-add').click();
    await pickEnterprise(page, 'consortium-member-0', '苏州锐铭精密机械');
    await page.getByTestId('consortium-member-add').click();
    await pickEnterprise(page, 'consortium-member-1', '苏州溶川新材料');
    await pickOption(page, page.getByTestId('consortium-member-role-1'), '科研院所');
    await screenshot(page, 'collab-consortium-form');
    await page.getByTestId('consortium-submit').click();
    await page.getByTestId('consortium-submit').waitFor({ state: 'detached' });
    const row = page.getByTestId('consortium-table').locator('tr').filter({ hasText: name });
    await expect.poll(() => row.innerText()).toContain('电芯制造');
    await row.getByText(name).click();
    await page.getByTestId('consortium-detail-page').waitFor();
    await expect.poll(() => page.getByTestId('consortium-chain-name').innerText()).toBe(SUZHOU_BATTERY_CHAIN);
    await expect.poll(() => page.getByTestId('consortium-segment-name').innerText()).toBe('电芯制造');
    const members = page.getByTestId('consortium-members');
    await expect.poll(() => members.locator('tr').filter({ hasText: '锐铭' }).innerText()).toContain('待接受');
    await expect.poll(() => members.locator('tr').filter({ hasText: '溶川' }).innerText()).toMatch(/科研院所[\s\S]*待接受/);
    await expect.poll(() => page.getByTestId('consortium-member-counts').innerText()).toContain('待接受 2 家');

    // A third, invited on the page with the same picker.
    await pickEnterprise(page, 'consortium-invite-uscc', '苏州数衡工业软件');
    await page.getByTestId('consortium-invite-submit').click();
    await expect.poll(() => members.locator('tr').filter({ hasText: '数衡' }).innerText()).toContain('待接受');
    await expect.poll(() => page.getByTestId('consortium-member-counts').innerText()).toContain('待接受 3 家');

    // Edit: another segment of the same chain.
    await page.getByTestId('consortium-edit').click();
    await pickOption(page, page.getByTestId('consortium-segment'), '正极材料');
    await page.getByTestId('consortium-submit').click();
    await page.getByTestId('consortium-submit').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('consortium-segment-name').innerText()).toBe('正极材料');

    // Link the leader's open 揭榜挂帅 challenge the consortium works on.
    await pickOption(page, page.getByTestId('consortium-link-challenge'), '硫化物固态电解质量产工艺揭榜');
    await page.getByTestId('consortium-link-challenge-submit').click();
    await expect.poll(() => page.getByTestId('consortium-challenges').innerText()).toContain('硫化物固态电解质量产工艺揭榜');
    await screenshot(page, 'collab-consortium-linked-challenge');

    await page.getByTestId('project-add').click();
    await page.getByTestId('project-title').fill('储能电芯壳体轻量化联合攻关');
    await page.getByTestId('project-goal').fill('壳体减重15%，通过针刺与挤压安全测试');
    await page.getByTestId('project-budget').fill('260');
    await page.getByTestId('project-starts').fill('2026-12-01');
    await page.getByTestId('project-ends').fill('2027-11-30');
    await page.getByTestId('project-submit').click();
    await page.getByTestId('consortium-projects').getByText('储能电芯壳体轻量化联合攻关').waitFor();
    await expect.poll(() => page.getByTestId('consortium-projects').innerText()).toContain('260');
    await screenshot(page, 'collab-consortium-leader-detail');
    await page.context().close();
    // Several forms in one browser session: over the default 120 s on a loaded shared machine.
  }, 300_000);

  it('the SME sees the invitation and accepts it; the other invitees stay pending', async () => {
    const page = await logIn('sme');
    await openConsortia(page);
    await page.getByTestId('consortium-table').getByText(name).click();
    await page.getByTestId('consortium-detail-page').waitFor();
    await page.getByTestId('consortium-invitation').waitFor();
    await screenshot(page, 'collab-consortium-invitation');
    await page.getByTestId('consortium-accept').click();
    await page.getByTestId('consortium-invitation').waitFor({ state: 'detached' });
    const own = page.getByTestId('consortium-members').locator('tr').filter({ hasText: '锐铭' });
    await expect.poll(() => own.innerText()).toContain('已加入');
    await expect.poll(() => page.getByTestId('consortium-member-counts').innerText()).toContain('待接受 2 家');
    expect(await page.getByTestId('consortium-members').locator('tr').filter({ hasText: '溶川' }).innerText()).toContain('待接受');
    // An invited member reads but does not manage: no invite form, no edit, no new project.
    expect(await page.getByTestId('consortium-invite-uscc').count()).toBe(0);
    expect(await page.getByTestId('consortium-edit').count()).toBe(0);
    expect(await page.getByTestId('project-add').count()).toBe(0);
    await screenshot(page, 'collab-consortium-accepted');
    await page.context().close();
  }, 240_000);
});

describe('苏州’s department reads patent coverage and the green level of its battery chain', () => {
  it('patent coverage by segment with gaps, patents and standards', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-standards-patents').click();
    await page.getByTestId('ip-page').waitFor();
    await pickOption(page, page.getByTestId('coverage-chain'), SUZHOU_BATTERY_CHAIN);
    const cell = page.getByTestId('coverage-table').locator('tr').filter({ hasText: '电芯制造' });
    await expect.poll(() => cell.innerText()).toContain('中小企业空白');
    const separator = page.getByTestId('coverage-table').locator('tr').filter({ hasText: '隔膜' });
    await expect.poll(() => separator.innerText()).toContain('链主空白');
    await page.getByTestId('coverage-chart').locator('canvas').first().waitFor();
    await screenshot(page, 'collab-patent-coverage');
    await page.getByRole('tab', { name: '专利', exact: true }).click();
    await page.getByTestId('patent-table').getByText('硫化物固态电解质膜的干法制备方法').waitFor();
    await screenshot(page, 'collab-patents');
    await page.getByRole('tab', { name: '标准研制', exact: true }).click();
    await page.getByTestId('standard-table').getByText('储能用锂离子电池热失控预警技术规范').waitFor();
    await screenshot(page, 'collab-standards');
    await page.context().close();
  });

  it('the chain’s green level by segment, buyers’ criteria and the region’s indicators', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-green').click();
    await page.getByTestId('green-page').waitFor();
    await pickOption(page, page.getByTestId('green-chain'), SUZHOU_BATTERY_CHAIN);
    const cell = page.getByTestId('green-chain-table').locator('tr').filter({ hasText: '电芯制造' });
    await expect.poll(() => cell.innerText()).toMatch(/\bA\b/);
    const electrolyte = page.getByTestId('green-chain-table').locator('tr').filter({ hasText: '电解液' });
    await expect.poll(() => electrolyte.innerText()).toMatch(/\bC\b/);
    await screenshot(page, 'collab-green-chain');
    await page.getByRole('tab', { name: '绿色采购标准', exact: true }).click();
    await page.getByTestId('criteria-table').getByText('供应商单位营收碳排放强度').waitFor();
    await screenshot(page, 'collab-green-criteria');
    await page.getByRole('tab', { name: '能耗与碳排放', exact: true }).click();
    await page.getByTestId('indicator-table').getByText('苏州溶川新材料有限公司').first().waitFor();
    await screenshot(page, 'collab-green-indicators');
    await page.context().close();
  });
});
