import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeUscc } from '../../src/server/platform/uscc.js';
import { launchBrowser, logInAs, screenshot } from './browser.js';

const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'xieshou123';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string, password?: string): Promise<Page> => logInAs(browser, username, password);

/** Random body of 8 USCC characters, so each run imports fresh enterprises. */
function body8(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  return Array.from({ length: 8 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

async function writeWorkbook(file: string, rows: Array<Array<string | number>>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业名录');
  sheet.addRow(['统一社会信用代码', '企业名称', '行政区划代码', '行业代码', '从业人员', '营业收入(万元)', '资产总额(万元)', '主要产品', '企业能力', '标签']);
  rows.forEach((r) => sheet.addRow(r));
  await workbook.xlsx.writeFile(file);
}

describe('every demo role logs in and sees its own menu', () => {
  const roles: Array<[string, string[], string[]]> = [
    ['admin', ['menu-enterprises', 'menu-import', 'menu-users'], []],
    ['gov_js', ['menu-enterprises', 'menu-import'], ['menu-users']],
    ['gov_sz', ['menu-enterprises', 'menu-import'], ['menu-users']],
    ['gov_wz', ['menu-enterprises', 'menu-import'], ['menu-users']],
    ['leader', ['menu-my-enterprise'], ['menu-import', 'menu-users']],
    ['sme', ['menu-my-enterprise'], ['menu-import', 'menu-users']],
    ['expert', [], ['menu-enterprises', 'menu-import', 'menu-users']],
  ];
  for (const [username, shown, hidden] of roles) {
    it(`${username}`, async () => {
      const page = await logIn(username, username === 'admin' ? inject('adminPassword') : DEMO_PASSWORD);
      for (const id of shown) expect(await page.getByTestId(id).count(), id).toBeGreaterThan(0);
      for (const id of hidden) expect(await page.getByTestId(id).count(), id).toBe(0);
      await page.getByTestId('home-page').waitFor();
      await screenshot(page, `home-${username}`);
      await page.getByTestId('logout-button').click();
      await page.getByTestId('login-form').waitFor();
      await page.context().close();
    });
  }
});

describe('a city official imports a list with errors, fixes it, finds and exports the enterprises', () => {
  it('goes the whole way in the browser', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-e2e-files-'));
    const first = makeUscc({ regionCode: '320506', body8: body8() });
    const second = makeUscc({ regionCode: '320583', body8: body8() });
    const tag = body8().slice(0, 4);
    const names = [`苏州吴中${tag}精密传动有限公司`, `昆山${tag}储能材料有限公司`];
    const broken = path.join(dir, 'broken.xlsx');
    await writeWorkbook(broken, [
      [first, names[0], '320506', 'C3451', 85, 6200, 4100, '谐波减速器；行星减速器', '五轴加工中心 12 台', '专精特新'],
      [`${second.slice(0, 17)}${second[17] === '0' ? '1' : '0'}`, names[1], '320583', 'C3841', 40, 2600, 1900, '正极材料', '', ''],
      [makeUscc({ regionCode: '320214', body8: body8() }), `无锡${tag}越界有限公司`, '320214', 'C3841', 10, 100, 100, '', '', ''],
    ]);
    const fixed = path.join(dir, 'fixed.xlsx');
    await writeWorkbook(fixed, [
      [first, names[0], '320506', 'C3451', 85, 6200, 4100, '谐波减速器；行星减速器', '五轴加工中心 12 台', '专精特新'],
      [second, names[1], '320583', 'C3841', 40, 2600, 1900, '正极材料', '', ''],
    ]);

    const page = await logIn('gov_sz');
    await page.getByTestId('menu-import').click();
    await page.getByTestId('import-page').waitFor();
    await page.getByTestId('import-file').setInputFiles(broken);
    await page.getByTestId('import-preview').waitFor();
    const errors = page.getByTestId('import-errors-table');
    await errors.waitFor();
    await expect.poll(async () => (await errors.innerText()).includes('校验码')).toBe(true);
    expect(await errors.innerText()).toContain('不在您的管辖范围内');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await screenshot(page, 'import-errors');

    await page.getByTestId('import-reupload').click();
    await page.getByTestId('import-file').setInputFiles(fixed);
    await page.getByTestId('import-preview').waitFor();
    await expect.poll(() => page.getByTestId('import-commit').isDisabled()).toBe(false);
    await screenshot(page, 'import-preview-clean');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').innerText()).toMatch(/2/);
    await screenshot(page, 'import-result');

    // Find them by region and industry in the list (filters live in the URL).
    await page.getByTestId('menu-enterprises').click();
    await page.getByTestId('enterprise-list-page').waitFor();
    await page.getByTestId('filter-region').click();
    await page.keyboard.type('吴中');
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '吴中区' }).first().click();
    await page.getByTestId('filter-industry').click();
    await page.keyboard.type('C345');
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '轴承、齿轮和传动部件制造' }).first().click();
    const table = page.getByTestId('enterprise-table');
    await expect.poll(async () => (await table.innerText()).includes(names[0]), { timeout: 15_000 }).toBe(true);
    expect(page.url()).toContain('region=320506');
    await screenshot(page, 'list-filtered');

    // Export the filtered list and read the workbook.
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    const download = await downloadPromise;
    const saved = path.join(dir, 'export.xlsx');
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const exported: string[] = [];
    workbook.worksheets[0].eachRow((row, n) => n > 1 && exported.push(String(row.getCell(1).value)));
    expect(exported).toContain(first);
    expect(exported).not.toContain(second); // 昆山 is outside the region filter
    expect(exported.every((u) => u.slice(2, 8) !== '320214')).toBe(true);

    // Detail page of the imported enterprise: derived size, tags, restricted figures.
    await table.getByText(names[0]).click();
    await page.getByTestId('enterprise-detail').waitFor();
    expect(await page.getByTestId('enterprise-descriptions').innerText()).toContain('小型');
    await page.getByTestId('financials-table').waitFor();
    await screenshot(page, 'detail-imported');
    await page.context().close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows a 无锡 enterprise to a 苏州 official as not found', async () => {
    const wuxiUscc = await (async () => {
      const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gov_wx', password: DEMO_PASSWORD }) });
      const { token } = await login.json();
      const list = await fetch(`${baseUrl}/api/v1/enterprises?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      return (await list.json()).items[0].uscc as string;
    })();
    const page = await logIn('gov_sz');
    await page.goto(`${baseUrl}/enterprises/${wuxiUscc}`);
    await page.getByTestId('enterprise-not-found').waitFor();
    await screenshot(page, 'detail-out-of-scope');
    await page.context().close();
  });
});

describe('the same path through the API', () => {
  it('logs in, dry-runs, commits, lists by region and industry, and exports', async () => {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gov_js', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${(await login.json()).token}` };
    const uscc = makeUscc({ regionCode: '320282', body8: body8() });
    const csv = `统一社会信用代码,企业名称,行政区划代码,行业代码,从业人员\n${uscc},宜兴${body8().slice(0, 3)}环保设备有限公司,320282,C3591,60\n`;
    const form = () => {
      const data = new FormData();
      data.append('file', new Blob([csv], { type: 'text/csv' }), 'list.csv');
      return data;
    };
    const dry = await (await fetch(`${baseUrl}/api/v1/enterprises/import?dryRun=true`, { method: 'POST', headers: auth, body: form() })).json();
    expect(dry).toMatchObject({ rows: 1, valid: 1, committed: false });
    const done = await (await fetch(`${baseUrl}/api/v1/enterprises/import?dryRun=false`, { method: 'POST', headers: auth, body: form() })).json();
    expect(done).toMatchObject({ committed: true, created: 1 });
    const list = await (await fetch(`${baseUrl}/api/v1/enterprises?region=320282&industry=C35`, { headers: auth })).json();
    expect(list.items.map((e: { uscc: string }) => e.uscc)).toContain(uscc);
    const exported = await fetch(`${baseUrl}/api/v1/enterprises/export?region=320282&industry=C35`, { headers: auth });
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await exported.arrayBuffer());
    const usccs: string[] = [];
    workbook.worksheets[0].eachRow((row, n) => n > 1 && usccs.push(String(row.getCell(1).value)));
    expect(usccs).toContain(uscc);
  });
});
