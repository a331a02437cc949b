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
});
