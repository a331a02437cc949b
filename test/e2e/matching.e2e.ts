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

async function confirmPopover(page: Page): Promise<void> {
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
}

describe('a need goes from the leader through gov review into the SME’s feed', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `储能模组精密结构件配套采购${tag}`;

  it('the leader posts a need, sees the live preview and the candidates with reasons', async () => {
    const page = await logIn('leader');
    await page.getByTestId('menu-matching').click();
    await page.getByTestId('need-list-page').waitFor();
    await page.getByTestId('need-table').getByText('动力电池电解液年度集中采购').waitFor();
    await screenshot(page, 'matching-needs-leader');

    await page.getByTestId('need-create-button').click();
    await page.getByTestId('need-create-page').waitFor();
    await page.getByTestId('need-title').fill(title);
    await page.getByTestId('need-products').locator('input').fill('电池模组精密结构件');
    await page.keyboard.press('Enter');
    await page.getByTestId('need-description').fill('储能电池模组端板、侧板配套，CNC加工精度±0.02mm，年需求30万套');
    const preview = page.getByTestId('need-preview');
    await preview.getByText('苏州锐铭精密机械有限公司').waitFor({ timeout: 15_000 });
    await screenshot(page, 'matching-need-form-preview');

    await page.getByTestId('need-save-submit').click();
    await page.getByTestId('need-detail-page').waitFor();
    expect(await page.getByTestId('need-title').textContent()).toBe(title);
    await page.getByTestId('need-status-submitted').waitFor();
    const candidates = page.getByTestId('match-candidates');
    await candidates.getByText('苏州锐铭精密机械有限公司').click();
    const reasons = candidates.getByTestId('match-reasons').first();
    await reasons.waitFor();
    expect(await reasons.textContent()).toContain('电池模组精密结构件');
    await screenshot(page, 'matching-need-detail-leader');
    await page.context().close();
  });

  it('gov_sz approves it in the review queue', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-matching').click();
    await page.getByTestId('match-nav-review').click();
    await page.getByTestId('need-review-page').waitFor();
    await page.getByTestId('review-table').getByText('固态电池电解质材料联合研发').waitFor();
    const row = page.getByTestId('review-table').locator('tr', { hasText: title });
    await row.waitFor();
    await screenshot(page, 'matching-review-gov-sz');
    await row.getByTestId('need-action-publish').click();
    await confirmPopover(page);
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('the SME sees the published need in its feed, with why', async () => {
    const page = await logIn('sme');
    await page.getByTestId('menu-matching').click();
    await page.getByTestId('match-nav-feed').click();
    await page.getByTestId('matching-feed-page').waitFor();
    const item = page.getByTestId('feed-list').locator('.ant-collapse-item', { hasText: title });
    await item.waitFor();
    await item.locator('.ant-collapse-header').click();
    await item.getByTestId('match-reasons').waitFor();
    await screenshot(page, 'matching-feed-sme');
    await page.context().close();
  });
});
