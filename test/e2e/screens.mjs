// Screenshots of the main pages for a visual check: `node test/e2e/screens.mjs` (server running).
// BASE_URL (default http://127.0.0.1:8080), SCREENS_DIR (default /tmp/screens).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const OUT = process.env.SCREENS_DIR ?? '/tmp/screens';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'xieshou123';
mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const problems = [];

async function open(username) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`[${username}] console.${message.type()}: ${message.text().slice(0, 300)}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`[${username}] pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) {
      problems.push(`[${username}] ${response.status()} ${response.url()}`);
    }
  });
  await page.goto(BASE_URL);
  if (username) {
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-user').waitFor();
  }
  return { context, page };
}

async function shot(page, name, options = {}) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: options.fullPage ?? true });
  console.log('saved', name);
}

// GB 32100-2015 check character, to make valid-looking codes for the import file.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(body17) {
  const sum = [...body17].reduce((total, char, index) => total + USCC_CHARS.indexOf(char) * USCC_WEIGHTS[index], 0);
  return body17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

// Signed out: the login page, and a failed login.
{
  const { context, page } = await open(null);
  await shot(page, '01-login');
  await page.getByTestId('login-username').fill('gov_sz');
  await page.getByTestId('login-password').fill('wrong-password');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').waitFor();
  await shot(page, '02-login-failed');
  await context.close();
}

// A city official: home, list, filters, create form, detail, edit, import.
{
  const { context, page } = await open('gov_sz');
  await page.getByTestId('home-stats').waitFor();
  await shot(page, '10-gov-home');

  await page.getByTestId('menu-enterprises').click();
  await page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row').first().waitFor();
  await shot(page, '11-gov-list');

  await page.getByTestId('filter-q').locator('input').fill('szrm');
  await page.getByTestId('filter-q').locator('input').press('Enter');
  await page.waitForTimeout(500);
  await shot(page, '12-gov-list-pinyin');
  await page.getByTestId('filter-reset').click();

  await page.getByTestId('filter-industry').click();
  await page.keyboard.type('电池');
  await page.waitForTimeout(300);
  await shot(page, '13-gov-industry-search', { fullPage: false });
  await page.keyboard.press('Escape');

  await page.goto(`${BASE_URL}/enterprises?tag=specialized&size=small`);
  await page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row').first().waitFor();
  await page.getByTestId('page-next').click();
  await page.waitForTimeout(500);
  await shot(page, '14-gov-list-filtered-page2');

  await page.getByTestId('create-enterprise-button').click();
  await page.getByTestId('ent-uscc').fill('91320500ABCDEFGH12');
  await page.getByTestId('ent-name').click();
  await page.waitForTimeout(600);
  await shot(page, '15-gov-create-modal', { fullPage: false });
  // A registered code passes the check-character test but the server refuses it: the error lands on the field.
  const existing = await page.evaluate(async () => (await (await fetch('/api/v1/enterprises?limit=1')).json()).items[0]);
  await page.getByTestId('ent-uscc').fill(existing.uscc);
  await page.getByTestId('ent-name').fill('截图测试重复企业');
  await page.getByTestId('ent-region').click();
  await page.keyboard.type('姑苏');
  await page.locator('.ant-cascader-menu-item').filter({ hasText: '姑苏区' }).first().click();
  await page.getByTestId('ent-industry').click();
  await page.keyboard.type('C3841');
  await page.locator('.ant-cascader-menu-item').filter({ hasText: '锂离子电池制造' }).first().click();
  await page.getByTestId('ent-employees').fill('120');
  await page.getByTestId('ent-revenue').fill('8000');
  await page.getByTestId('ent-submit').click();
  await page.getByTestId('problem-alert').waitFor({ timeout: 5000 }).catch(() => {});
  await shot(page, '15b-gov-create-conflict', { fullPage: false });
  await page.keyboard.press('Escape');

  await page.goto(`${BASE_URL}/enterprises`);
  const firstLink = page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row').first().locator('a').first();
  await firstLink.click();
  await page.getByTestId('enterprise-detail').waitFor();
  await shot(page, '16-gov-detail');
  await page.getByTestId('size-basis-trigger').hover();
  await page.waitForTimeout(400);
  await shot(page, '17-gov-size-basis', { fullPage: false });

  await page.getByTestId('edit-enterprise-button').click();
  await page.getByTestId('enterprise-edit-form').waitFor();
  await page.waitForTimeout(400);
  await shot(page, '18-gov-edit-drawer', { fullPage: false });
  await page.getByTestId('ent-capabilities').fill('截图脚本修改的企业能力说明。');
  await page.getByTestId('ent-edit-submit').click();
  await page.waitForTimeout(1000);
  await shot(page, '19-gov-detail-after-edit');

  await page.goto(`${BASE_URL}/enterprises/91110000000000000X`);
  await page.getByTestId('enterprise-not-found').waitFor();
  await shot(page, '20-gov-detail-404', { fullPage: false });

  // Import: one existing enterprise (update), one new, one bad row, one same name with another code.
  await page.goto(`${BASE_URL}/enterprises?limit=2`);
  const rows = await page.evaluate(async () => (await (await fetch('/api/v1/enterprises?limit=2')).json()).items);
  // Fresh codes every run, so the same-name row is always an uncertain match.
  const randomTail = () => Array.from({ length: 4 }, () => USCC_CHARS[Math.floor(Math.random() * 31)]).join('');
  const newCode = uscc(`91320505MA7X${randomTail()}0`);
  const twinCode = uscc(`91320505MA7X${randomTail()}1`);
  const csv = [
    '统一社会信用代码,企业名称,行政区划代码,行业代码,从业人员,营业收入(万元),资产总额(万元),主要产品,企业能力,标签',
    `${rows[0].uscc},${rows[0].name},${rows[0].regionCode},${rows[0].industryCode},500,80000,90000,产品A,能力A,`,
    `${newCode},苏州截图测试科技有限公司,320505,C3841,50,3000,2000,电池,测试,innovative`,
    '123,坏行企业,999999,Z99,-1,,,,,',
    `${twinCode},${rows[1].name},${rows[1].regionCode},${rows[1].industryCode},10,100,100,,,`,
  ].join('\n');
  const csvPath = path.join(OUT, 'import.csv');
  writeFileSync(csvPath, `\ufeff${csv}\n`);
  await page.getByTestId('menu-import').click();
  await page.getByTestId('import-upload').waitFor();
  await shot(page, '21-gov-import-upload');
  await page.getByTestId('import-file').setInputFiles(csvPath);
  await page.getByTestId('import-preview').waitFor();
  await shot(page, '22-gov-import-preview');

  const fixed = csv.split('\n').filter((line) => !line.startsWith('123,')).join('\n');
  writeFileSync(csvPath, `\ufeff${fixed}\n`);
  await page.getByTestId('import-reupload').click();
  await page.getByTestId('import-file').setInputFiles(csvPath);
  await page.getByTestId('import-preview').waitFor();
  await page.getByTestId('import-commit').hover({ force: true });
  await shot(page, '23-gov-import-preview-undecided', { fullPage: false });
  await page.getByTestId('decide-all-distinct').click();
  await shot(page, '23-gov-import-preview-ok');
  await page.getByTestId('import-commit').click();
  await page.getByTestId('import-result').waitFor();
  await shot(page, '24-gov-import-result');

  await page.getByTestId('lang-switch').click();
  await page.getByTestId('menu-enterprises').click();
  await page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row').first().waitFor();
  await shot(page, '25-gov-list-english');
  await page.getByTestId('lang-switch').click();
  await context.close();
}

// Platform admin: users and the create-user form.
{
  const { context, page } = await open('admin');
  await shot(page, '30-admin-home');
  await page.getByTestId('menu-users').click();
  await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
  await shot(page, '31-admin-users');
  await page.getByTestId('create-user-button').click();
  await page.getByTestId('user-role').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '政府主管部门' }).click();
  await page.waitForTimeout(300);
  await shot(page, '32-admin-create-user', { fullPage: false });
  await context.close();
}

// Enterprise members and an expert.
for (const username of ['sme', 'leader', 'expert']) {
  const { context, page } = await open(username);
  await shot(page, `40-${username}-home`);
  if (username !== 'expert') {
    await page.getByTestId('menu-my-enterprise').click();
    await page.getByTestId('enterprise-detail').waitFor();
    await shot(page, `41-${username}-my-enterprise`);
  }
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-username').waitFor();
  await context.close();
}

await browser.close();
if (problems.length > 0) {
  console.log(`\n${problems.length} browser problems:`);
  for (const problem of problems) {
    console.log(' ', problem);
  }
}
