import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

const SUPPLIER = '苏州锐铭精密机械有限公司';
const LEADER = '苏州澜沣新能源科技股份有限公司';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string, password?: string): Promise<Page> => logInAs(browser, username, password);

describe('early warning: a city records a supplier shutdown, sees who is hit, and the chain leader is alerted', () => {
  const title = `锐铭精密主轴故障停产（e2e ${Date.now().toString(36)}）`;

  it('gov_sz records the event and reads the impact with the leader and its path', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-risk').click();
    const table = page.getByTestId('risk-event-table');
    await table.getByText('苏州溶川新材料电解液车间火灾停产').waitFor();
    await table.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await screenshot(page, 'risk-list-gov_sz');

    await page.getByTestId('risk-create-button').click();
    await page.getByTestId('risk-form-enterprise').click();
    await page.keyboard.type('锐铭');
    await pickOption(page, page.getByTestId('risk-form-enterprise'), SUPPLIER);
    await page.getByTestId('risk-form-severity').getByText('严重').click();
    await page.getByTestId('risk-form-title').fill(title);
    await screenshot(page, 'risk-create-form');
    await page.getByTestId('risk-create-submit').click();

    await page.getByTestId('risk-event-detail').waitFor();
    await expect.poll(() => page.getByRole('heading', { name: title }).count(), { timeout: 15_000 }).toBe(1);
    const impact = page.getByTestId('risk-impact-table');
    const leaderRow = impact.locator('tr').filter({ hasText: LEADER }).first();
    await leaderRow.waitFor();
    expect(await leaderRow.locator('.risk-path').textContent()).toBe(`${SUPPLIER} → ${LEADER}`);
    expect(await leaderRow.locator('td').nth(1).textContent()).toBe('1');
    await page.getByTestId('risk-impact-graph').waitFor();
    await screenshot(page, 'risk-impact-gov_sz');

    // The incident moves 潜在 → 确认 with a note.
    await page.getByTestId('risk-status-confirmed').click();
    await page.getByTestId('risk-status-note').fill('已电话核实：主轴更换需 10 天');
    await page.getByTestId('risk-status-submit').click();
    await page.getByTestId('risk-notes').getByText('已电话核实：主轴更换需 10 天').waitFor();
    expect(await page.getByTestId('risk-event-detail').getByTestId('risk-status').first().textContent()).toBe('确认');
    await screenshot(page, 'risk-incident-gov_sz');
    await page.context().close();
  });

  it('the leader sees the alert in its inbox and opens the impact on its own enterprise', async () => {
    const page = await logIn('leader');
    const bell = page.getByTestId('header-alerts');
    await expect.poll(async () => Number((await bell.locator('.ant-badge-count').getAttribute('title')) ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
    await bell.click();
    const list = page.getByTestId('alert-list');
    const item = list.locator('.ant-list-item').filter({ hasText: title });
    await item.waitFor();
    expect(await item.getByTestId('alert-hit').first().textContent()).toContain(`本企业供应商 ${SUPPLIER}（第 1 级`);
    await screenshot(page, 'risk-inbox-leader');

    await item.getByText('查看影响').click();
    await page.getByTestId('risk-event-detail').waitFor();
    // A member sees its own enterprise and its suppliers upstream, nothing downstream of it.
    const own = page.getByTestId('risk-impact-table').locator('tr').filter({ hasText: LEADER }).first();
    await own.waitFor();
    expect(await own.locator('.risk-path').textContent()).toBe(`${SUPPLIER} → ${LEADER}`);
    await screenshot(page, 'risk-impact-leader');

    await page.getByTestId('menu-my-enterprise').click();
    await page.getByTestId('risk-score-card').getByTestId('risk-score-value').waitFor();
    await screenshot(page, 'risk-score-leader');
    await page.getByTestId('menu-alerts').click();
    await page.getByTestId('alert-inbox-page').waitFor();
    await page.getByTestId('alerts-subscriptions-link').click();
    await page.getByTestId('risk-subscription-table').getByText('本企业全部直接供应商').waitFor();
    await page.getByTestId('risk-subscription-table').locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await screenshot(page, 'risk-subscriptions-leader');
    await page.context().close();
  });

  it('the admin edits the risk score weights', async () => {
    const page = await logIn('admin', inject('adminPassword'));
    await page.getByTestId('menu-risk').click();
    await page.getByTestId('risk-settings-link').click();
    const form = page.getByTestId('risk-settings-form');
    await form.waitFor();
    const halfLife = form.locator('#halfLifeDays');
    await expect.poll(() => halfLife.inputValue(), { timeout: 15_000 }).toBe('90');
    await halfLife.fill('120');
    await page.getByTestId('risk-settings-save').click();
    await page.getByText('已保存').waitFor();
    await screenshot(page, 'risk-settings-admin');
    await page.reload();
    await expect.poll(() => page.getByTestId('risk-settings-form').locator('#halfLifeDays').inputValue(), { timeout: 15_000 }).toBe('120');
    // The same pages in English.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('menu-risk').click();
    await page.getByTestId('risk-event-table').getByText('Shutdown').first().waitFor();
    await page.getByTestId('risk-event-table').locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await screenshot(page, 'risk-list-admin-en');
    await page.getByTestId('lang-switch').click();
    await page.context().close();
  });
});
