import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logInAs, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string): Promise<Page> => logInAs(browser, username);
const DEMO_FAIR = '苏州市动力电池产业链“百场万企”供需对接洽谈会';

async function openFair(page: Page, fairUrl: string): Promise<void> {
  await page.goto(fairUrl);
  await page.getByTestId('fair-detail-page').waitFor();
}

/** Tick a participant in the wish table and save. */
async function wishFor(page: Page, name: string | RegExp): Promise<void> {
  await page.getByTestId('fair-tabs').getByRole('tab', { name: '洽谈意向' }).click();
  const row = page.getByTestId('wish-table').locator('tr', { hasText: name });
  await row.waitFor();
  await row.locator('.ant-checkbox-input').check();
  await page.getByTestId('wish-save').click();
  await page.getByText('洽谈意向已保存').waitFor();
}

describe('a fair: gov creates and opens it, firms register and wish, gov schedules, the SME sees its timetable', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `动力电池配套对接洽谈会${tag}`;
  let fairUrl = '';

  it('gov_sz sees the demo fair’s grid, then creates and opens a fair', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-fairs').click();
    await page.getByTestId('fair-list-page').waitFor();
    await page.getByTestId('fair-table').getByText(DEMO_FAIR).click();
    await page.getByTestId('fair-schedule-panel').waitFor();
    await page.getByTestId('schedule-result').waitFor();
    await page.getByTestId('fair-grid').waitFor();
    await screenshot(page, 'fairs-demo-grid-gov-sz');

    await page.getByTestId('menu-fairs').click();
    await page.getByTestId('fair-create-button').click();
    await page.getByTestId('fair-title').fill(title);
    await page.getByTestId('fair-venue').fill('苏州工业园区会展中心');
    await screenshot(page, 'fairs-create-modal');
    await page.getByTestId('fair-create-ok').click();
    await page.getByTestId('fair-detail-page').waitFor();
    expect(await page.getByTestId('fair-title').textContent()).toBe(title);
    await page.getByTestId('fair-open').click();
    await page.getByTestId('fair-status-open').waitFor();
    fairUrl = page.url();
    await page.context().close();
  });

  it('the leader registers', async () => {
    const page = await logIn('leader');
    await openFair(page, fairUrl);
    await page.getByTestId('fair-register').click();
    await page.getByTestId('registration-registered').waitFor();
    await page.context().close();
  });

  it('the SME registers and wishes to meet the leader, suggested by the engine', async () => {
    const page = await logIn('sme');
    await openFair(page, fairUrl);
    await page.getByTestId('fair-register').click();
    await page.getByTestId('registration-registered').waitFor();
    await page.getByTestId('fair-wish-panel').waitFor();
    const leaderRow = page.getByTestId('wish-table').locator('tr', { hasText: '动力电池' }).first();
    await leaderRow.getByTestId('wish-suggested').waitFor();
    await wishFor(page, /动力电池/);
    await screenshot(page, 'fairs-wishes-sme');
    await page.context().close();
  });

  it('gov_sz runs the scheduler and sees the figures and the grid', async () => {
    const page = await logIn('gov_sz');
    await openFair(page, fairUrl);
    await page.getByTestId('fair-schedule-panel').waitFor();
    await page.getByTestId('schedule-run').click();
    await page.getByTestId('schedule-result').waitFor();
    await page.getByTestId('fair-grid').getByText('× ').first().waitFor();
    await screenshot(page, 'fairs-schedule-gov-sz');
    await page.context().close();
  });

  it('the SME sees its timetable and the printable version', async () => {
    const page = await logIn('sme');
    await openFair(page, fairUrl);
    await page.getByTestId('fair-tabs').getByRole('tab', { name: '我的日程' }).click();
    const timetable = page.getByTestId('fair-timetable');
    await timetable.getByText('号桌').first().waitFor();
    expect(await timetable.locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'fairs-timetable-sme');
    await page.getByTestId('timetable-print').click();
    await page.getByTestId('fair-timetable-page').waitFor();
    await page.getByTestId('fair-timetable').getByText('号桌').first().waitFor();
    await screenshot(page, 'fairs-timetable-print-sme');
    await page.context().close();
  });

  it('the SME’s timetable at the demo fair has the leader', async () => {
    const page = await logIn('sme');
    await page.getByTestId('menu-fairs').click();
    await page.getByTestId('fair-table').getByText(DEMO_FAIR).click();
    await page.getByTestId('fair-tabs').getByRole('tab', { name: '我的日程' }).click();
    await page.getByTestId('fair-timetable').getByText('号桌').first().waitFor();
    await screenshot(page, 'fairs-demo-timetable-sme');
    await page.context().close();
  });
});
