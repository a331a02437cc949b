import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ANCHORS } from '../../src/server/demo/generator.js';
import { launchBrowser, logInAs, screenshot } from './browser.js';

const baseUrl = inject('baseUrl');
const SUZHOU_BATTERY = '苏州市新能源汽车动力电池产业链';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string): Promise<Page> => logInAs(browser, username);

const anchor = (key: string) => DEMO_ANCHORS.find((a) => a.key === key)!;

describe('supply chains in the browser', () => {
  it('gov_sz opens the 苏州 battery chain’s weak links, sees a 断点 and its candidates, and the 小巨人 map', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-chains').click();
    await page.getByRole('link', { name: SUZHOU_BATTERY }).click();
    await page.getByTestId('chain-detail-page').waitFor();
    await page.getByTestId('weak-links-button').click();
    await page.getByTestId('weak-links-page').waitFor();
    const table = page.getByTestId('weak-links-table');
    await table.getByTestId('weak-kind-break').first().waitFor();
    // The planted 断点 (锂钴镍资源 has no 苏州 firm) ranks first.
    const firstRow = table.locator('tr.ant-table-row').first();
    expect(await firstRow.innerText()).toContain('锂钴镍资源');
    expect(await firstRow.innerText()).toContain('断点');
    expect(await firstRow.innerText()).toContain('本地区没有能提供');
    // Foreign inputs from the leader's private list show as 卡点 for the region's government.
    expect(await table.getByTestId('weak-kind-choke').count()).toBeGreaterThan(0);
    expect(await table.getByTestId('weak-kind-blockage').count()).toBeGreaterThan(0);
    await screenshot(page, 'supply-weak-links');

    await firstRow.locator('.ant-table-row-expand-icon').click();
    const candidates = page.getByTestId('weak-expanded-minerals-break').getByTestId('weak-candidates');
    await candidates.waitFor();
    expect(await candidates.locator('tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await candidates.innerText()).toMatch(/行业|环节/);
    await screenshot(page, 'supply-weak-link-candidates');

    await page.goto(page.url().replace('/weak-links', '/little-giants'));
    await page.getByTestId('little-giants-page').waitFor();
    const bms = page.getByTestId('lg-segment-bms');
    await expect.poll(async () => (await bms.innerText()).includes(anchor('bmsSme').name)).toBe(true);
    expect(await bms.innerText()).toContain(anchor('batteryLeader').name);
    expect(await page.getByTestId('lg-leader-suppliers').innerText()).toContain(anchor('electrolyteSme').name);
    await screenshot(page, 'supply-little-giants');
  });

  it('the leader uploads a private supplier list: dry run with row errors, fix, commit; another firm never sees it', async () => {
    const leader = anchor('batteryLeader');
    const servo = anchor('servoMicro');
    const product = `热管理液冷板-${Date.now().toString(36)}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-supply-e2e-'));
    const broken = path.join(dir, 'broken.csv');
    fs.writeFileSync(broken, [
      'supplier_uscc,customer_uscc,product,share,supplier_name,supplier_country',
      `${servo.uscc},${leader.uscc},${product},0.6,,`,
      `${leader.uscc},${leader.uscc},电芯,0.5,,`,
      `,${leader.uscc},高纯铝箔,150%,UACJ Corporation,JP`,
    ].join('\n'));
    const fixed = path.join(dir, 'fixed.csv');
    fs.writeFileSync(fixed, [
      'supplier_uscc,customer_uscc,product,share,supplier_name,supplier_country',
      `${servo.uscc},${leader.uscc},${product},0.6,,`,
      `,${leader.uscc},高纯铝箔,0.5,UACJ Corporation,JP`,
    ].join('\n'));

    const page = await logIn('leader');
    await page.getByTestId('menu-supply-edges').click();
    await page.getByTestId('supply-edges-page').waitFor();
    await page.getByTestId('supply-import-button').click();
    await page.getByTestId('supply-import-page').waitFor();
    expect(await page.getByTestId('supply-private').isChecked()).toBe(true);
    await page.getByTestId('supply-file').setInputFiles(broken);
    const errors = page.getByTestId('supply-errors-table');
    await errors.waitFor();
    const errorText = await errors.innerText();
    expect(errorText).toContain('供应商与客户不能是同一家企业');
    expect(errorText).toContain('0–1');
    expect(await page.getByTestId('supply-commit').isDisabled()).toBe(true);
    await screenshot(page, 'supply-import-errors');

    await page.getByTestId('supply-reupload').click();
    await page.getByTestId('supply-file').setInputFiles(fixed);
    await page.getByTestId('supply-preview-table').waitFor();
    await expect.poll(() => page.getByTestId('supply-commit').isDisabled()).toBe(false);
    expect(await page.getByTestId('supply-preview-table').innerText()).toContain('私有');
    await screenshot(page, 'supply-import-preview');
    await page.getByTestId('supply-commit').click();
    await page.getByTestId('supply-import-result').waitFor();
    expect(await page.getByTestId('supply-import-result').innerText()).toContain('新增 2 条');
    await page.getByTestId('supply-to-list').click();
    await page.getByTestId('supply-filter-product').locator('input').fill(product);
    await page.getByTestId('supply-filter-product').locator('input').press('Enter');
    const table = page.getByTestId('supply-table');
    await expect.poll(() => table.locator('tr.ant-table-row').count(), { timeout: 15_000 }).toBe(1);
    expect(page.url()).toContain('product=');
    expect(await table.innerText()).toContain(product);
    expect(await table.innerText()).toContain('私有');
    await screenshot(page, 'supply-edges-list');

    const other = await logIn('sme');
    await other.goto(`${baseUrl}/supply-edges?product=${encodeURIComponent(product)}`);
    await other.getByTestId('supply-edges-page').waitFor();
    await expect.poll(async () => (await other.getByTestId('supply-table').innerText()).includes('暂无供应关系'), { timeout: 15_000 }).toBe(true);
  });
});
