import fs from 'node:fs';
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

async function openAssessment(page: Page, card: string): Promise<void> {
  await page.getByTestId('menu-assessment').click();
  await page.getByTestId('assessment-home').waitFor();
  await page.getByTestId(card).click();
}

/** Click an option (by its label) of the questionnaire block or scenario row `testId`. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).getByText(label, { exact: true }).click();
}

describe('assessment: self-evaluation, digital level, regional screening and statistics', () => {
  it('the SME runs the self-evaluation wizard and sees its gradient, failed conditions and next tier', async () => {
    const page = await logInAs(browser, 'sme');
    await openAssessment(page, 'as-card-gradient');
    await page.getByTestId('gradient-profile-form').waitFor();
    // The declared profile is pre-filled into the controls (the demo SME declares 7.5 % share).
    await expect.poll(() => page.locator('#marketSharePct').inputValue()).toMatch(/^7\.50?$/);
    await screenshot(page, 'assessment-gradient-profile');
    await page.getByTestId('gradient-save-profile').click();
    await page.getByTestId('gradient-years').waitFor();
    await page.getByTestId('gradient-save-years').click();
    await page.getByTestId('gradient-results').waitFor();
    expect(await page.getByTestId('tier-innovative-verdict').textContent()).toBe('符合条件');
    expect(await page.getByTestId('tier-specialized-verdict').textContent()).toBe('符合条件');
    expect(await page.getByTestId('tier-little_giant-verdict').textContent()).toBe('暂未达到');
    const improvements = page.getByTestId('improvements');
    expect(await improvements.textContent()).toContain('小巨人');
    const detail = page.getByTestId('tier-detail-little_giant');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('未满足');
    await screenshot(page, 'assessment-gradient-result');
    await page.context().close();
  });

  it('the SME fills the digital questionnaire, saves, resumes, submits, and sees level, T0/T1 deltas and next steps', async () => {
    const page = await logInAs(browser, 'sme');
    await openAssessment(page, 'as-card-digital');
    await page.getByTestId('digital-page').waitFor();
    const history = page.getByTestId('digital-history');
    await history.getByText('T1').waitFor();
    await history.getByText('T0').waitFor();
    // Re-assessment starts from the newest answers; improve some and every scenario to 三级.
    await choose(page, 'q-b2', '60%以上');
    await choose(page, 'q-m1', '全面推进并持续优化');
    for (let i = 1; i <= 16; i++) await choose(page, `sc-s${i}`, '三级');
    await page.getByTestId('digital-save-draft').click();
    await page.getByText('已保存草稿，可稍后继续').waitFor();
    await page.reload();
    // A loaded machine may take long to reload the app and its three queries.
    await page.getByTestId('digital-resumed').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('q-b2').locator('.ant-radio-wrapper-checked').textContent()).toBe('60%以上');
    expect(await page.getByTestId('sc-s16').locator('.ant-radio-button-wrapper-checked').textContent()).toBe('三级');
    await screenshot(page, 'assessment-digital-resumed');

    await page.getByTestId('digital-submit').click();
    const result = page.getByTestId('digital-result');
    await result.getByText('T2').waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/三级|四级/);
    expect(text).toMatch(/\+\d/);
    expect(text).toContain('下一步行动');
    await history.getByText('T2').waitFor();
    await screenshot(page, 'assessment-digital-submitted');
    await page.context().close();
  });

  it('a gov user screens the region, exports the lists, and reads the statistics with drill-down and export', async () => {
    const page = await logInAs(browser, 'gov_sz');
    await openAssessment(page, 'as-card-screening');
    await page.getByTestId('screening-page').waitFor();
    await page.getByTestId('screening-run').click();
    await page.getByTestId('screening-summary').waitFor();
    const table = page.getByTestId('screening-results');
    await table.locator('tbody tr').first().waitFor();
    await screenshot(page, 'assessment-screening');
    const download = page.waitForEvent('download');
    await page.getByTestId('screening-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.statSync((await file.path())!).size).toBeGreaterThan(1000);

    await openAssessment(page, 'as-card-stats');
    await page.getByTestId('digital-stats-page').waitFor();
    await page.getByTestId('chart-levels').locator('canvas').waitFor();
    const list = page.getByTestId('digital-stats-list');
    await list.locator('tbody tr').first().waitFor();
    await screenshot(page, 'assessment-stats');
    // Drill down to one level (as a chart click does), then export what is shown.
    const url = new URL(page.url());
    url.searchParams.set('level', '3');
    await page.goto(url.toString());
    await page.getByTestId('filter-level').waitFor();
    await list.locator('tbody tr').first().waitFor();
    for (const row of await list.locator('tbody tr').allTextContents()) expect(row).toContain('三级');
    await screenshot(page, 'assessment-stats-level3');
    const statsDownload = page.waitForEvent('download');
    await page.getByTestId('digital-stats-export').click();
    expect((await statsDownload).suggestedFilename()).toMatch(/^数字化水平统计.*\.xlsx$/);
    await page.context().close();
  });
});
