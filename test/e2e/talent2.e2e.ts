import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Logged in, with room for a loaded machine (eight sessions share two cores). */
async function logIn(username: string): Promise<Page> {
  const page = await logInAs(browser, username);
  page.setDefaultTimeout(90_000);
  return page;
}
const SME_USCC = '91320506MA1M2G8K8W';
/** A business date (Asia/Shanghai) `days` from today. */
const inDays = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** The first column values (below the header) of each sheet of a downloaded workbook, joined per row. */
async function workbookRows(download: Download): Promise<string[]> {
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const rows: string[] = [];
  workbook.worksheets[0].eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')));
  return rows;
}

async function openSecondments(page: Page): Promise<void> {
  await page.getByTestId('menu-secondments').click();
  await page.getByTestId('secondment-list-page').waitFor();
}

describe('a large firm seconds an engineer to an SME; the SME confirms; the engineer reports; the SME confirms the report', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const engineer = `赵工${tag}`;

  it('the leader proposes a secondment with goals and a period', async () => {
    const page = await logIn('leader');
    await openSecondments(page);
    await page.getByTestId('secondment-table').getByText('钱振华').waitFor();
    await screenshot(page, 'talent2-secondments-leader');
    await page.getByTestId('secondment-create-button').click();
    await pickOption(page, page.getByTestId('secondment-kind'), '定期派驻');
    await page.getByTestId('secondment-host').fill(SME_USCC);
    await page.getByTestId('secondment-engineer').fill(engineer);
    await page.getByTestId('secondment-goals').fill('建立注塑件尺寸SPC控制\n关键工序CPK达到1.33');
    const inputs = page.locator('.ant-modal .ant-picker-range input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(inDays(3));
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(inDays(40));
    await inputs.nth(1).press('Enter');
    await expect.poll(() => inputs.nth(1).inputValue()).toBe(inDays(40));
    await screenshot(page, 'talent2-secondment-form');
    await page.getByTestId('secondment-submit').click();
    await page.getByTestId('secondment-detail-page').waitFor();
    await expect.poll(() => page.getByTestId('secondment-status').first().innerText()).toBe('待企业确认');
    await screenshot(page, 'talent2-secondment-proposed');
    await page.context().close();
  }, 300_000);

  it('the SME confirms the plan and confirms 王工’s pending report', async () => {
    const page = await logIn('sme');
    await openSecondments(page);
    await page.getByTestId('secondment-table').getByText(engineer).click();
    await page.getByTestId('secondment-detail-page').waitFor();
    await page.getByTestId('secondment-confirm').click();
    await expect.poll(() => page.getByTestId('secondment-status').first().innerText()).toBe('进行中');
    await screenshot(page, 'talent2-secondment-confirmed');
    await page.getByText('返回派驻列表').click();
    await page.getByTestId('secondment-table').getByText('王工').click();
    await page.getByTestId('secondment-detail-page').waitFor();
    await page.getByTestId('secondment-reports').getByText('待确认').waitFor();
    await screenshot(page, 'talent2-secondment-reports-sme');
    await page.getByTestId('report-confirm').click();
    await expect.poll(() => page.getByTestId('secondment-confirmed-time').innerText()).toContain('22 小时');
    await page.context().close();
  }, 300_000);

  it('the engineer (expert log-in) submits a report on the active secondment', async () => {
    const page = await logIn('expert');
    await openSecondments(page);
    await page.getByTestId('secondment-table').getByText('王工').click();
    await page.getByTestId('secondment-detail-page').waitFor();
    await page.getByTestId('secondment-report-button').click();
    await numberInput(page, 'report-hours').fill('8');
    await page.getByTestId('report-summary').fill(`（${tag}）复核改进夹具的量产件，指导首件检验记录填写。`);
    await screenshot(page, 'talent2-secondment-report-form');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('secondment-reports').getByText(tag).waitFor();
    await screenshot(page, 'talent2-secondment-reported');
    await page.context().close();
  }, 300_000);

  it('苏州’s gov user sees the figures by district', async () => {
    const page = await logIn('gov_sz');
    await openSecondments(page);
    await page.getByTestId('secondment-regions').getByText('吴中区').waitFor();
    await screenshot(page, 'talent2-secondments-gov');
    const download = page.waitForEvent('download');
    await page.getByTestId('secondments-export').click();
    const rows = await workbookRows(await download);
    expect(rows.some((r) => r.includes(engineer))).toBe(true);
    await page.context().close();
  }, 300_000);
});

describe('gov keeps the investments the reviewer-conflict check reads', () => {
  it('gov_sz lists the demo investments and records one', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-investments').click();
    await page.getByTestId('investments-page').waitFor();
    await page.getByTestId('investment-table').getByText('苏州市产业创新投资基金').waitFor();
    await page.getByTestId('investment-create-button').click();
    await page.getByTestId('investment-investor').fill('91320571MA1P3K7W9A');
    await page.getByTestId('investment-investee').fill(SME_USCC);
    await numberInput(page, 'investment-share').fill('3.5');
    await screenshot(page, 'talent2-investment-form');
    await page.getByTestId('investment-submit').click();
    await page.getByTestId('investment-table').getByText('3.5%').waitFor();
    await screenshot(page, 'talent2-investments');
    await page.context().close();
  }, 300_000);
});

describe('talent programmes and exchange events: an SME registers an engineer; the organiser sees the registrants and exports them', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const person = `林工${tag}`;
  const PROGRAMME = '卓越工程师产教联合培养计划';
  const eventRow = (page: Page, title: string) => page.getByTestId('event-table').locator('tr', { hasText: title });

  async function openEvents(page: Page): Promise<void> {
    await openSecondments(page);
    await page.getByTestId('nav-events').click();
    await page.getByTestId('talent-event-list-page').waitFor();
  }

  it('the SME registers an engineer for the leader’s programme and sees the registration in the drawer', async () => {
    const page = await logIn('sme');
    await openEvents(page);
    await eventRow(page, PROGRAMME).waitFor();
    await screenshot(page, 'talent2-events-sme');
    await eventRow(page, PROGRAMME).getByTestId('event-register').click();
    await page.getByTestId('register-person').fill(person);
    await screenshot(page, 'talent2-event-register-form');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-submit').waitFor({ state: 'detached' });
    await eventRow(page, PROGRAMME).getByTestId('event-roster').click();
    await page.getByTestId('registration-table').getByText(person).waitFor();
    expect(await page.getByTestId('event-export').count()).toBe(0); // only the organiser exports
    await screenshot(page, 'talent2-event-registrations-sme');
    await page.getByTestId('event-roster-close').click();
    await page.getByTestId('registration-table').waitFor({ state: 'hidden' });
    await page.context().close();
  }, 300_000);

  it('the leader opens the programme’s registrants and exports them to Excel', async () => {
    const page = await logIn('leader');
    await openEvents(page);
    await eventRow(page, PROGRAMME).getByTestId('event-roster').click();
    await page.getByTestId('registration-table').getByText(person).waitFor();
    await screenshot(page, 'talent2-event-registrations-leader');
    const download = page.waitForEvent('download');
    await page.getByTestId('event-export').click();
    const rows = await workbookRows(await download);
    expect(rows.some((r) => r.includes(person) && r.includes('已报名'))).toBe(true);
    await page.getByTestId('event-roster-close').click();
    await page.getByTestId('registration-table').waitFor({ state: 'hidden' });
    // The catalogue itself, filtered to programmes, to Excel.
    await page.getByTestId('talent-event-list-page').locator('.ant-segmented-item').filter({ hasText: /^人才计划$/ }).click();
    await expect.poll(() => page.getByTestId('event-table').innerText()).not.toContain('动力电池产业链工程师技术交流会');
    const listDownload = page.waitForEvent('download');
    await page.getByTestId('events-export').click();
    const listed = await workbookRows(await listDownload);
    expect(listed.some((r) => r.includes(PROGRAMME))).toBe(true);
    expect(listed.some((r) => r.includes('动力电池产业链工程师技术交流会'))).toBe(false);
    await page.context().close();
  }, 300_000);

  it('the leader records attendance at yesterday’s site visit; the figures update in the drawer and the list', async () => {
    const VISIT = '澜沣电芯智能工厂现场观摩';
    const page = await logIn('leader');
    await openEvents(page);
    await expect.poll(() => eventRow(page, VISIT).getByTestId('event-attendance-cell').innerText()).toBe('—');
    await eventRow(page, VISIT).getByTestId('event-roster').click();
    const figures = page.getByTestId('event-attendance');
    await figures.waitFor();
    await expect.poll(() => figures.innerText()).toMatch(/未登记\s*3/);
    const registrant = (person: string) => page.getByTestId('registration-table').locator('tr', { hasText: person });
    await registrant('刘洋').getByTestId('registration-attended').click();
    await expect.poll(() => registrant('刘洋').getByTestId('registration-status').innerText()).toBe('已出席');
    await registrant('孙磊').getByTestId('registration-absent').click();
    await expect.poll(() => registrant('孙磊').getByTestId('registration-status').innerText()).toBe('缺席');
    await registrant('何敏').getByTestId('registration-attended').click();
    await expect.poll(() => registrant('何敏').getByTestId('registration-status').innerText()).toBe('已出席');
    // 2 attended, 1 absent, none left unrecorded: 67 %.
    await expect.poll(() => figures.innerText()).toMatch(/出席\s*2[\s\S]*缺席\s*1[\s\S]*未登记\s*0[\s\S]*出席率\s*67%/);
    await screenshot(page, 'talent2-event-attendance');
    await page.getByTestId('event-roster-close').click();
    await page.getByTestId('registration-table').waitFor({ state: 'hidden' });
    await expect.poll(() => eventRow(page, VISIT).getByTestId('event-attendance-cell').innerText()).toBe('2 · 67%');
    await screenshot(page, 'talent2-events-attendance-list');
    await page.context().close();
  }, 300_000);
});

describe('苏州’s department filters the expert pool and exports it', () => {
  it('by field and affiliation words; the export holds the filtered rows', async () => {
    const page = await logIn('gov_sz');
    await openSecondments(page);
    await page.getByTestId('nav-experts').click();
    await page.getByTestId('expert-pool-page').waitFor();
    const table = page.getByTestId('expert-table');
    await table.getByText('李教授').waitFor();
    await page.getByTestId('experts-field').locator('input').fill('储能');
    await page.getByTestId('experts-field').locator('input').press('Enter');
    await expect.poll(() => table.innerText()).not.toContain('李教授');
    expect(await table.innerText()).toContain('周高工');
    await page.getByTestId('experts-affiliation').locator('input').fill('大学');
    await page.getByTestId('experts-affiliation').locator('input').press('Enter');
    await expect.poll(() => table.innerText()).not.toContain('周高工');
    expect(await table.innerText()).toContain('赵教授');
    expect(await table.innerText()).toContain('郑总工');
    await screenshot(page, 'talent2-expert-pool');
    const download = page.waitForEvent('download');
    await page.getByTestId('experts-export').click();
    const rows = await workbookRows(await download);
    expect(rows.some((r) => r.includes('赵教授') && r.includes('东南大学'))).toBe(true);
    expect(rows.some((r) => r.includes('周高工') || r.includes('李教授'))).toBe(false);
    await page.context().close();
  }, 300_000);
});
