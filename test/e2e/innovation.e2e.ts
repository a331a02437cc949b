import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string): Promise<Page> => logInAs(browser, username);

/** Type into an antd InputNumber by its test id (the id lands on the <input> itself in antd 5). */
async function fillNumber(page: Page, testId: string, value: string): Promise<void> {
  const target = page.getByTestId(testId);
  const isInput = await target.evaluate((el) => el.tagName === 'INPUT');
  await (isInput ? target : target.locator('input')).fill(value);
}

async function openChallenge(page: Page, title: string): Promise<void> {
  await page.getByTestId('menu-challenges').click();
  await page.getByTestId('challenge-list-page').waitFor();
  await page.getByTestId('challenge-table').getByText(title).click();
  await page.getByTestId('challenge-detail-page').waitFor();
}

describe('a challenge goes from publication through application, assignment and blind review to the award', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `固态电池界面改性技术揭榜${tag}`;

  it('the leader publishes a challenge', async () => {
    const page = await logIn('leader');
    await page.getByTestId('menu-challenges').click();
    await page.getByTestId('challenge-table').getByText('硫化物固态电解质量产工艺揭榜').waitFor();
    await screenshot(page, 'innovation-challenges-leader');
    await page.getByTestId('challenge-create-button').click();
    await page.getByTestId('challenge-create-page').waitFor();
    await page.getByTestId('challenge-title').fill(title);
    await page.getByTestId('challenge-problem').fill('需要固态电解质与正极界面的改性技术，降低界面阻抗并抑制副反应，兼容现有涂布产线。');
    await page.getByTestId('challenge-targets').locator('input').fill('界面阻抗≤20Ω·cm²');
    await page.keyboard.press('Enter');
    await page.getByTestId('challenge-fields').locator('input').fill('固态电池');
    await page.keyboard.press('Enter');
    await fillNumber(page, 'challenge-budget', '200');
    await screenshot(page, 'innovation-challenge-form');
    await page.getByTestId('challenge-submit').click();
    await page.getByTestId('challenge-detail-page').waitFor();
    await page.getByText(title).first().waitFor();
    await page.context().close();
  });

  it('an SME applies and sees similar items', async () => {
    const page = await logIn('sme');
    await openChallenge(page, title);
    await page.getByTestId('apply-proposal').fill('采用原子层沉积在正极表面包覆LiNbO3纳米层，界面阻抗降至15Ω·cm²，可适配卷对卷涂布。');
    await page.getByTestId('apply-team').fill('博士2名、工程师4名');
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('apply-done').waitFor();
    await expect.poll(() => page.getByTestId('application-table').innerText()).toContain('苏州锐铭精密机械有限公司');
    await screenshot(page, 'innovation-apply-sme');
    await page.context().close();
  });

  it('the leader assigns the expert by hand and the rest automatically', async () => {
    const page = await logIn('leader');
    await openChallenge(page, title);
    await page.getByTestId('assign-by-hand').click();
    await pickOption(page, page.getByTestId('assign-expert-select'), '王工');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('review-count').first().innerText()).toContain('王工');
    await page.getByTestId('assign-reviewers').click();
    await expect.poll(() => page.getByTestId('review-count').first().innerText()).toContain('0/3');
    await screenshot(page, 'innovation-assigned-leader');
    await page.context().close();
  });

  it('the expert scores it blind from the review queue', async () => {
    const page = await logIn('expert');
    await page.getByTestId('menu-challenges').click();
    await page.getByTestId('nav-reviews').click();
    await page.getByTestId('review-queue-page').waitFor();
    const row = page.getByTestId('review-table').locator('tr', { hasText: title });
    await screenshot(page, 'innovation-review-queue');
    await row.getByTestId('review-open').click();
    await page.getByTestId('review-form-page').waitFor();
    expect(await page.getByTestId('review-form-page').innerText()).not.toContain('苏州锐铭精密机械有限公司');
    for (const [key, value] of [['innovation', '90'], ['feasibility', '80'], ['team', '70'], ['cost', '60']]) {
      await fillNumber(page, `score-${key}`, value);
    }
    await expect.poll(() => page.getByTestId('review-live-total').innerText()).toBe('80');
    await screenshot(page, 'innovation-review-form');
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-queue-page').waitFor();
    await expect.poll(() => page.getByTestId('review-table').locator('tr', { hasText: title }).innerText()).toContain('80');
    await page.context().close();
  });

  it('the leader sees the score and awards the application', async () => {
    const page = await logIn('leader');
    await openChallenge(page, title);
    await expect.poll(() => page.getByTestId('review-mean').first().innerText()).toBe('80');
    await page.getByTestId('award').first().click();
    await expect.poll(() => page.getByTestId('application-status').first().innerText()).toBe('揭榜成功');
    await page.getByText('已揭榜').first().waitFor();
    await screenshot(page, 'innovation-awarded-leader');
    await page.getByTestId('tab-milestones').click();
    await page.getByTestId('milestone-title').fill('界面包覆样品交付');
    await page.getByTestId('milestone-add').click();
    await page.getByTestId('milestone').first().waitFor();
    await screenshot(page, 'innovation-milestones-leader');
    await page.context().close();
  });
});

describe('an SME books a shared instrument on the calendar', () => {
  it('picks a free hour next week and the request is pending', async () => {
    const page = await logIn('sme');
    await page.getByTestId('menu-resources').click();
    await page.getByTestId('resource-list-page').waitFor();
    await page.getByTestId('resource-table').getByText('场发射扫描电子显微镜（SEM）').click();
    await page.getByTestId('resource-detail-page').waitFor();
    await page.getByTestId('calendar-next-week').click();
    await page.getByTestId('calendar-free').nth(30).click();
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('booking-done').waitFor();
    await expect.poll(async () => page.getByTestId('calendar-taken').count()).toBeGreaterThan(0);
    await screenshot(page, 'innovation-resource-calendar-sme');
    await page.context().close();
  });

  it('the owner sees the sharing figures', async () => {
    const page = await logIn('leader');
    await page.getByTestId('menu-resources').click();
    await page.getByTestId('tab-sharing').click();
    await page.getByTestId('sharing-figures').getByText('场发射扫描电子显微镜（SEM）').waitFor();
    await screenshot(page, 'innovation-sharing-leader');
    await page.context().close();
  });
});
