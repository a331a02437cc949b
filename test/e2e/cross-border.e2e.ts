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
