import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('cross-border listings: an SME reads needs and offers for abroad in Chinese and English', () => {
  it('toggles the text language, marks listings without English and filters by country', async () => {
    const page = await logInAs(browser, 'sme');
    await page.getByTestId('menu-cross-border').click();
    await page.getByTestId('xb-page').waitFor();
    const table = page.getByTestId('xb-table');
    await table.getByText('德国储能电站项目本地安装与运维服务商').waitFor();
    await screenshot(page, 'cross-border-zh');

    await page.getByTestId('xb-lang-en').click();
    await table.getByText('Local installation and O&M partner for a 20 MWh ESS project in Germany').waitFor();
    const noEnglish = table.locator('tr').filter({ hasText: '越南海防工厂注塑结构件本地配套' });
    await expect.poll(() => noEnglish.getByTestId('xb-title').getByTestId('xb-no-english').count()).toBe(1);
    await screenshot(page, 'cross-border-en');

    await pickOption(page, page.getByTestId('xb-filter-country'), '越南 VN');
    await expect.poll(() => table.getByTestId('xb-link').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('越南海防工厂注塑结构件本地配套')]));
    await expect.poll(() => table.getByText('Local installation and O&M partner').count()).toBe(0);
    await screenshot(page, 'cross-border-vn');
    await page.context().close();
  });

  it('opens a need on its page and an offer in a drawer with both languages', async () => {
    const page = await logInAs(browser, 'sme');
    await page.getByTestId('menu-cross-border').click();
    const table = page.getByTestId('xb-table');
    await table.getByText('精密机加工件出口代工（德国、泰国）').click();
    const drawer = page.getByTestId('xb-offer-drawer');
    await drawer.getByTestId('xb-offer-zh').getByText('精密机加工件出口代工（德国、泰国）').waitFor();
    await drawer.getByTestId('xb-offer-en').getByText('Precision machined parts for export (Germany, Thailand)').waitFor();
    await drawer.getByText('年加工 80 万件').waitFor();
    expect(new URL(page.url()).searchParams.get('offer')).toBeTruthy();
    await screenshot(page, 'cross-border-offer-drawer');
    await page.getByTestId('xb-offer-close').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('offer')).toBeNull();

    await table.getByText('德国储能电站项目本地安装与运维服务商').click();
    await page.waitForURL(/\/matching\/needs\/\d+$/);
    await page.getByText('德国储能电站项目本地安装与运维服务商').first().waitFor();
    await page.context().close();
  });
});

describe('overseas services: an SME applies to a large firm’s offer and the firm accepts it', () => {
  it('shows the SME its accepted application, takes a new one and lets the leader accept it', async () => {
    const page = await logInAs(browser, 'sme');
    await page.getByTestId('menu-cross-border').click();
    await page.getByTestId('xb-tab-overseas').click();
    const table = page.getByTestId('overseas-table');
    const joined = table.locator('tr').filter({ hasText: '德国工商业储能项目联合投标' });
    await expect.poll(() => joined.getByTestId('overseas-my-status').innerText()).toBe('已接受');
    const open = table.locator('tr').filter({ hasText: '沙特储能市场 SABER 认证辅导与清关渠道共享' });
    await open.getByTestId('overseas-apply').click();
    await page.getByTestId('overseas-apply-note').fill('计划2027年进入沙特储能市场，需SABER认证辅导。');
    await page.getByTestId('overseas-apply-ok').click();
    await expect.poll(() => open.getByTestId('overseas-my-status').innerText()).toBe('已申请');
    await screenshot(page, 'overseas-sme');
    await page.context().close();

    const leader = await logInAs(browser, 'leader');
    await leader.getByTestId('menu-cross-border').click();
    await leader.getByTestId('xb-tab-overseas').click();
    const row = leader.getByTestId('overseas-table').locator('tr').filter({ hasText: '沙特储能市场 SABER 认证辅导与清关渠道共享' });
    await row.getByTestId('overseas-applications').click();
    const drawer = leader.getByTestId('overseas-drawer');
    const application = drawer.locator('tr').filter({ hasText: '计划2027年进入沙特储能市场' });
    await application.getByTestId('overseas-accept').click();
    await expect.poll(() => application.getByTestId('overseas-application-status').innerText()).toBe('已接受');
    await expect.poll(() => drawer.getByTestId('overseas-drawer-figures').innerText()).toContain('剩余 7 / 共 8 个名额');
    await screenshot(leader, 'overseas-leader-drawer');
    await leader.getByTestId('overseas-drawer-close').click();
    await leader.context().close();
  });
});
