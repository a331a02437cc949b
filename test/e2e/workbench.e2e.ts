import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

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

/** The input of an antd InputNumber (the test id sits on the input itself, or on a wrapper with an addon). */
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Switch the task list to 本级承办 and wait until the list shown is that view's. */
async function showOwnLevel(page: Page): Promise<void> {
  await page.getByTestId('task-view').getByText('本级承办').click();
  await page.waitForURL(/view=mine/);
  await page.getByTestId('task-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
}

async function openTask(page: Page, title: string): Promise<void> {
  await page.getByTestId('menu-dispatch').click();
  await page.getByTestId('task-list-page').waitFor();
  // Own level only: the province's list also holds the sub-tasks it dispatched, under the same title.
  await showOwnLevel(page);
  // Until the own-level list has replaced the previous one, the sub-tasks' rows (same title) may still be on screen.
  await expect.poll(() => page.getByTestId('task-table').getByText(title, { exact: true }).count(), { timeout: 30_000 }).toBe(1);
  await page.getByTestId('task-table').getByText(title, { exact: true }).click();
  await page.getByTestId('task-detail-page').waitFor();
  expect(await page.getByTestId('task-title').textContent()).toBe(title);
}

describe('a province dispatches a task, a city reports, the province sees the roll-up', { timeout: 400_000 }, () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `工业母机产业链供需对接专场${tag}`;

  it('gov_js sees the demo tree and creates and dispatches a task to 苏州 and 无锡', async () => {
    const page = await logIn('gov_js');
    await page.getByTestId('menu-dispatch').click();
    await page.getByTestId('task-list-page').waitFor();
    await page.getByTestId('task-table').getByText('专精特新“小巨人”后备企业梳理', { exact: true }).first().waitFor();
    await screenshot(page, 'workbench-tasks-gov-js');

    await page.getByTestId('task-create-button').click();
    await page.getByTestId('task-title-input').fill(title);
    await numberInput(page, 'task-target-input').fill('30');
    await page.getByTestId('task-create-submit').click();
    await page.getByTestId('task-detail-page').waitFor();
    expect(await page.getByTestId('task-title').textContent()).toBe(title);
    await page.getByTestId('task-status-accepted').waitFor();

    await page.getByTestId('task-dispatch').click();
    await pickOption(page, page.getByTestId('dispatch-region-0'), '苏州市');
    await numberInput(page, 'dispatch-target-0').fill('20');
    await page.getByTestId('dispatch-add-row').click();
    await pickOption(page, page.getByTestId('dispatch-region-1'), '无锡市');
    await numberInput(page, 'dispatch-target-1').fill('10');
    await screenshot(page, 'workbench-dispatch-modal');
    await page.getByTestId('dispatch-submit').click();
    const children = page.getByTestId('rollup-children');
    await children.getByText('苏州市').waitFor();
    await children.getByText('无锡市').waitFor();
    await screenshot(page, 'workbench-task-dispatched-gov-js');
    await page.context().close();
  });

  it('gov_sz hears of the task in the message bell, opens it from there, accepts it and reports 12 done', async () => {
    const page = await logIn('gov_sz');
    // The dispatch left a message: the bell's menu lists it among the newest unread and opens the task.
    await page.getByTestId('header-notifications').click();
    const message = page.locator('.ant-dropdown').getByText(`江苏省下发任务“${title}”`, { exact: false });
    await message.waitFor();
    await screenshot(page, 'workbench-notification-bell-gov-sz');
    await message.click();
    await page.getByTestId('task-detail-page').waitFor();
    expect(await page.getByTestId('task-title').textContent()).toBe(title);
    await page.getByTestId('task-status-dispatched').waitFor();
    await page.getByTestId('task-accept').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('task-status-accepted').waitFor();

    await page.getByTestId('task-report').click();
    await numberInput(page, 'report-progress').fill('60');
    await numberInput(page, 'report-done').fill('12');
    await page.getByTestId('report-note').fill('已在苏州工业园区、昆山举办工业母机专场2场，签约意向12项');
    await screenshot(page, 'workbench-report-modal-gov-sz');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('task-reports').getByText('签约意向12项').waitFor();
    await screenshot(page, 'workbench-task-reported-gov-sz');

    // The inbox: the opened message is read; 'mark all read' empties the unread view.
    await page.getByTestId('header-notifications').click();
    await page.getByTestId('bell-open-inbox').click();
    await page.getByTestId('notification-inbox-page').waitFor();
    const item = page.getByTestId('notification-list').locator('.ant-list-item', { hasText: title });
    await expect.poll(() => item.first().getAttribute('data-read')).toBe('true');
    await screenshot(page, 'workbench-notifications-gov-sz');
    await page.getByTestId('notifications-read-all').click();
    await expect.poll(() => page.getByTestId('notifications-unread-count').innerText()).toBe('未读 0 条');
    await page.context().close();
  });

  it('gov_js sees 苏州’s figure rolled up, and the demo tree down to the counties', async () => {
    const page = await logIn('gov_js');
    // 苏州's report left a message for the province.
    await page.getByTestId('header-notifications').click();
    await page.locator('.ant-dropdown').getByText(`苏州市报送了“${title}”的进度：60%，完成 12`).waitFor();
    await page.keyboard.press('Escape');
    await openTask(page, title);
    const row = page.getByTestId('rollup-children').locator('tr', { hasText: '苏州市' });
    await row.getByText('60%').waitFor();
    await expect.poll(() => page.getByTestId('rollup-done').innerText()).toContain('12');
    await screenshot(page, 'workbench-rollup-gov-js');

    await openTask(page, '2026年“百场万企”大中小企业融通对接活动');
    await page.getByTestId('rollup-children').locator('tr', { hasText: '常州市' }).getByTestId('task-overdue').waitFor();
    await screenshot(page, 'workbench-fairs-tree-gov-js');
    await page.context().close();
  });

  it('gov_js opens the dashboard, drills down to 苏州 and into a list', async () => {
    const page = await logIn('gov_js');
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('dashboard-page').waitFor();
    await page.getByTestId('figure-enterprises').waitFor();
    await page.getByTestId('chart-regions').waitFor();
    await page.waitForTimeout(800);
    await screenshot(page, 'workbench-dashboard-gov-js');
    await page.getByTestId('dashboard-regions').getByRole('link', { name: '苏州市' }).click();
    await page.getByText('数据驾驶舱 · 苏州市').waitFor();
    await page.waitForTimeout(800);
    await screenshot(page, 'workbench-dashboard-suzhou');
    const specialized = Number((await page.getByTestId('figure-tier.specialized').innerText()).replace(/\D/g, ''));
    await page.getByTestId('figure-tier.specialized').click();
    await page.getByTestId('list-total').getByText(`${specialized}`).waitFor();
    expect(page.url()).toContain('tag=specialized');
    await page.context().close();
  });
});

describe('a county attaches a file to its report, the city downloads it from the roll-up', { timeout: 400_000 }, () => {
  const FAIRS = '2026年“百场万企”大中小企业融通对接活动';
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const name = `吴中区百场万企活动纪要${tag}.txt`;
  const MINUTES = Buffer.from(`吴中区百场万企活动纪要 ${tag}：精密机械、新能源汽车零部件专场共3场，签约意向12项。\n`, 'utf8');

  it('gov_wz attaches the minutes to its report', async () => {
    const page = await logIn('gov_wz');
    await openTask(page, FAIRS);
    const reports = page.getByTestId('task-reports');
    await reports.getByText('签约意向12项').first().waitFor();
    await reports.locator('input[type=file]').first().setInputFiles({ name, mimeType: 'text/plain', buffer: MINUTES });
    await reports.getByRole('link', { name }).waitFor();
    await screenshot(page, 'workbench-report-file-gov-wz');
    await page.context().close();
  });

  it('gov_sz sees the file on 吴中区’s row of the roll-up and downloads it', async () => {
    const page = await logIn('gov_sz');
    await openTask(page, FAIRS);
    const row = page.getByTestId('rollup-children').locator('tr', { hasText: '吴中区' });
    const link = row.getByRole('link', { name });
    await link.waitFor();
    await page.getByTestId('rollup-children').locator('tr', { hasText: '苏州工业园区' }).getByRole('link', { name: '苏州工业园区百场万企活动汇总.csv' }).waitFor();
    await screenshot(page, 'workbench-rollup-files-gov-sz');
    const download = page.waitForEvent('download');
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(name);
    const saved = await file.path();
    expect(fs.readFileSync(saved).equals(MINUTES)).toBe(true);
    await page.context().close();
  });
});

describe('the region map', { timeout: 400_000 }, () => {
  it('gov_js sees 江苏’s cities shaded on the dashboard map, and 苏州’s districts after drilling down', async () => {
    const page = await logIn('gov_js');
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('dashboard-page').waitFor();
    const map = page.getByTestId('dashboard-map');
    await map.getByTestId('region-map').locator('canvas').first().waitFor();
    await map.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500); // the map's entry animation
    await map.screenshot({ path: `${SCREENSHOT_DIR}/workbench-region-map-js.png` });
    await page.getByTestId('dashboard-regions').getByRole('link', { name: '苏州市' }).click();
    await page.getByText('数据驾驶舱 · 苏州市').waitFor();
    await page.getByTestId('dashboard-map').getByTestId('region-map').locator('canvas').first().waitFor();
    await page.getByTestId('dashboard-map').scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500);
    await page.getByTestId('dashboard-map').screenshot({ path: `${SCREENSHOT_DIR}/workbench-region-map-sz.png` });
    await page.context().close();
  });
});

describe('dashboard figures from the other modules, and the project database', { timeout: 400_000 }, () => {
  it('gov_miit sees deals, innovation, payment and digital figures, each opening its list', async () => {
    const page = await logIn('gov_miit');
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('dashboard-page').waitFor();
    for (const key of ['deals.count', 'deals.amount', 'challenges.total', 'resources.sharingRate', 'payment.onTimeRate', 'complaints.total', 'digital.assessed']) {
      await page.getByTestId(`figure-${key}`).waitFor();
    }
    expect(await page.getByTestId('figure-deals.amount').innerText()).toContain('万元');
    expect(await page.getByTestId('figure-payment.onTimeRate').innerText()).toMatch(/%|—/);
    await page.getByTestId('figure-deals.count').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await screenshot(page, 'workbench-dashboard-module-figures');
    await page.getByTestId('figure-complaints.total').click();
    await page.waitForURL(/\/finance\/complaints/);
    await page.context().close();
  });

  it('gov_sz creates a 补链 project, updates its progress and sees the timeline', async () => {
    const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
    const name = `隔膜国产化补链项目${tag}`;
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-projects').click();
    await page.getByTestId('projects-page').waitFor();
    await page.getByTestId('project-create').click();
    await page.getByTestId('project-name').fill(name);
    await pickOption(page, page.getByTestId('project-chain'), '苏州市新能源汽车动力电池产业链');
    await pickOption(page, page.getByTestId('project-segment'), '隔膜');
    await numberInput(page, 'project-investment').fill('3000');
    await page.getByTestId('project-milestones').fill('签约落地@2026-03-31\n设备进场@2026-09-30');
    await screenshot(page, 'workbench-project-create');
    await page.getByTestId('project-create-submit').click();
    await page.getByTestId('project-detail-page').waitFor();
    await page.getByText(name).first().waitFor();
    await page.getByTestId('project-milestones').getByText('设备进场').waitFor();

    await pickOption(page, page.getByTestId('project-status'), '在建');
    await numberInput(page, 'project-progress-input').fill('40');
    await page.getByTestId('project-note').fill('厂房主体完工');
    await page.getByTestId('project-update-submit').click();
    await page.getByTestId('project-timeline').getByText('更新进展').waitFor();
    await expect.poll(() => page.getByTestId('project-progress').innerText()).toContain('40');
    await screenshot(page, 'workbench-project-detail');

    await page.getByTestId('menu-projects').click();
    await page.getByTestId('projects-table').getByText(name).waitFor();
    await screenshot(page, 'workbench-projects-list');
    await page.context().close();
  });
});
